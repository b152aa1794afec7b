/**
 * The plain data `export` builds before it is written as YAML: a spec document in the schema's raw shape
 * (only what must be written; defaults are left out where they reproduce the live value) and the list of
 * live objects the spec cannot express.
 *
 * Not for: validation (the result is checked by `spec/load.ts`'s `parseSpec`) or reading.
 */

/** One live object that is not in the exported spec, with the IBM ids a reader can look up and why. */
export interface ExportNote {
  readonly kind: 'instance' | 'custom-role' | 'access-group' | 'dynamic-rule' | 'policy' | 'user-policy' | 'project' | 'spec';
  /** The object's name as IBM shows it (untrusted text: escaped where printed). */
  readonly name: string;
  readonly ids: readonly string[];
  readonly reason: string;
}

export interface RoleOut {
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly actions: readonly string[];
}

export interface InstanceOut {
  readonly plan: string;
  readonly region: string;
  readonly resourceGroup: string;
  readonly limits?: { readonly instanceSeconds?: number; readonly allocationSeconds?: number; readonly backends?: readonly string[] };
  readonly tags?: readonly string[];
}

export interface TemporaryOut {
  readonly member: string;
  readonly role: 'reader' | 'writer';
  readonly until: string;
  readonly from?: string;
  readonly reason: string;
  readonly approvedBy: string;
}

export interface ProjectOut {
  readonly description?: string;
  readonly instances: readonly string[];
  readonly scope?: 'resourceGroup';
  readonly resourceGroup?: string;
  readonly readers: readonly string[];
  readonly writers: readonly string[];
  readonly idp?: { readonly reader: string; readonly writer: string };
  readonly temporary?: readonly TemporaryOut[];
}

export interface GroupOut {
  readonly description?: string;
  readonly projects: readonly string[];
  readonly readers: readonly string[];
  readonly writers: readonly string[];
  readonly idp?: { readonly reader: string; readonly writer: string };
}

/** The exported spec, key order as written. */
export interface SpecOut {
  readonly apiVersion: 'qgov/v1';
  readonly account: { readonly id: string };
  readonly naming: { readonly prefix: string };
  readonly identityProvider?: { readonly realm: string; readonly claim: string; readonly sessionHours: number };
  readonly roles: { readonly reader: RoleOut; readonly writer: RoleOut };
  readonly instances: Readonly<Record<string, InstanceOut>>;
  readonly projects: Readonly<Record<string, ProjectOut>>;
  readonly groups?: Readonly<Record<string, GroupOut>>;
  readonly protected: readonly string[];
  readonly maxTemporaryDays?: number;
}
