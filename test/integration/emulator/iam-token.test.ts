import IamAccessGroupsV2 from '@ibm-cloud/platform-services/iam-access-groups/v2';
import { startTestEmulator, sdkOptions } from '../../helpers/emulator';
import { type Emulator } from '../../../src/emulator/server';

describe('emulator: IAM token service', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu.close());

  async function token(form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${emu.url}/identity/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('issues a decodable JWT with the account and identity claims', async () => {
    const r = await token({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: emu.config.apiKey });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'ibm openid' });
    expect(typeof r.body.refresh_token).toBe('string');
    const parts = String(r.body.access_token).split('.');
    expect(parts).toHaveLength(3);
    const claims = JSON.parse(Buffer.from(parts[1] as string, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ iam_id: expect.stringMatching(/^IBMid-/), account: { bss: emu.config.accountId } });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
    expect(r.body.expiration).toBe(claims.exp);
  });

  it('answers an unknown API key with IBM\'s 400 body', async () => {
    const r = await token({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: 'nope' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ errors: [{ code: 'BXNIM0415E', message: 'Provided API key could not be found.' }] });
  });

  it('refreshes with the refresh token', async () => {
    const first = await token({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: emu.config.apiKey });
    const r = await token({ grant_type: 'refresh_token', refresh_token: String(first.body.refresh_token) });
    expect(r.status).toBe(200);
  });

  it('lets the real SDK authenticate (a 404 for an unknown route proves the token was accepted)', async () => {
    const client = new IamAccessGroupsV2(sdkOptions(emu));
    await expect(client.getAccessGroup({ accessGroupId: 'AccessGroupId-missing' })).rejects.toMatchObject({ status: expect.any(Number) });
  });
});
