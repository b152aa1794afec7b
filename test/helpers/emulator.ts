import { IamAuthenticator } from 'ibm-cloud-sdk-core';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/server';

/** Starts an in-memory emulator on 127.0.0.1 with an ephemeral port; callers must `close()` it (afterAll). */
export function startTestEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ host: '127.0.0.1', port: 0, ...opts });
}

/**
 * Constructor options for any `@ibm-cloud/platform-services` client pointed at the emulator, exactly as a
 * user would configure it for another endpoint: an IAM authenticator whose token URL is the emulator, and
 * the emulator as service URL. Global Catalog's base URL carries `/api/v1` (as in production).
 */
export function sdkOptions(emu: Emulator, opts: { apikey?: string; path?: string } = {}): {
  authenticator: IamAuthenticator;
  serviceUrl: string;
} {
  return {
    authenticator: new IamAuthenticator({ apikey: opts.apikey ?? emu.config.apiKey, url: emu.url }),
    serviceUrl: emu.url + (opts.path ?? ''),
  };
}
