import { type AccountSettingsAttrs } from '../../model/resources';
import { valueField } from '../fields';
import { type FieldChange } from '../types';
import { type KindDiffer } from './differ';

/**
 * Account IAM settings (IAM Identity's and IAM Access Groups'). Only the keys the spec sets are compared
 * (desired holds nothing else), so a setting the spec leaves out is never changed. Every key updates in place;
 * the object is never created or deleted (`diff` treats it as always present).
 */
export const accountSettingsDiffer: KindDiffer<'account-settings'> = {
  kind: 'account-settings',
  fields(d: AccountSettingsAttrs, l: AccountSettingsAttrs): FieldChange[] {
    return Object.keys(d.settings)
      .sort()
      .flatMap((k) => valueField(`settings.${k}`, l.settings[k], d.settings[k]));
  },
  forcedBy: () => [],
  // A looser setting (API keys or service IDs anyone may create, weaker MFA) widens who can act in the account;
  // turning the Public Access group off makes IBM delete every policy on it, which removes access.
  impact(action, fields) {
    if (action !== 'update') return 'config';
    if (fields.some(loosens)) return 'policy-broaden';
    return fields.some((f) => f.kind === 'value' && f.path === 'settings.public_access_enabled' && f.after === false) ? 'policy-narrow' : 'config';
  },
};

const MFA_STRENGTH = ['NONE', 'NONE_NO_ROPC', 'TOTP', 'TOTP4ALL', 'LEVEL1', 'LEVEL2', 'LEVEL3'];

/** Whether one settings change loosens the account (widens who may act in it). */
export function loosens(f: FieldChange): boolean {
  if (f.kind !== 'value') return false;
  if (f.path === 'settings.mfa') return MFA_STRENGTH.indexOf(String(f.after)) < MFA_STRENGTH.indexOf(String(f.before));
  if (f.path === 'settings.public_access_enabled') return f.after === true;
  return f.path.startsWith('settings.restrict_') && f.before === 'RESTRICTED' && f.after !== 'RESTRICTED';
}
