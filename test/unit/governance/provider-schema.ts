/**
 * The IBM Terraform provider's documented arguments for the resources and data sources qgov writes, typed in by
 * hand from the provider's `website/docs/r/*.html.markdown` and `website/docs/d/*.html.markdown`
 * (IBM-Cloud/terraform-provider-ibm; see docs/terraform.md for the pages and what each argument is used
 * for). Only arguments a configuration may set are listed (no computed attributes). The Terraform test checks
 * every generated block against it, so a misspelt or invented argument fails before anyone runs Terraform.
 */
export interface BlockSchema {
  readonly args: readonly string[];
  readonly required?: readonly string[];
  readonly blocks?: Readonly<Record<string, BlockSchema>>;
}

const policyResources: BlockSchema = {
  args: ['service', 'resource_instance_id', 'region', 'resource_type', 'resource', 'resource_group_id', 'service_type', 'service_group_id', 'attributes'],
};
const resourceAttributes: BlockSchema = { args: ['name', 'value', 'operator'], required: ['name', 'value'] };
const resourceTags: BlockSchema = { args: ['name', 'value', 'operator'], required: ['name', 'value'] };
const ruleConditions: BlockSchema = {
  args: ['key', 'operator', 'value'],
  required: ['operator'],
  blocks: { conditions: { args: ['key', 'operator', 'value'], required: ['key', 'operator', 'value'] } },
};
const policyCommon = ['roles', 'account_management', 'description', 'tags', 'transaction_id', 'rule_operator', 'pattern'];
const policyBlocks = { resources: policyResources, resource_attributes: resourceAttributes, resource_tags: resourceTags, rule_conditions: ruleConditions };

export const PROVIDER_SCHEMA: { readonly resource: Readonly<Record<string, BlockSchema>>; readonly data: Readonly<Record<string, BlockSchema>> } = {
  resource: {
    ibm_resource_instance: {
      args: ['name', 'service', 'plan', 'location', 'resource_group_id', 'tags', 'parameters', 'parameters_json', 'service_endpoints'],
      required: ['name', 'service', 'plan', 'location'],
      blocks: { timeouts: { args: ['create', 'update', 'delete'] } },
    },
    ibm_iam_custom_role: {
      args: ['name', 'display_name', 'description', 'service', 'actions'],
      required: ['name', 'display_name', 'service', 'actions'],
    },
    ibm_iam_access_group: { args: ['name', 'description', 'tags'], required: ['name'] },
    ibm_iam_access_group_members: { args: ['access_group_id', 'ibm_ids', 'iam_service_ids', 'iam_profile_ids'], required: ['access_group_id'] },
    ibm_iam_access_group_dynamic_rule: {
      args: ['access_group_id', 'name', 'expiration', 'identity_provider'],
      required: ['access_group_id', 'name', 'expiration', 'identity_provider', 'conditions'],
      blocks: { conditions: { args: ['claim', 'operator', 'value'], required: ['claim', 'operator', 'value'] } },
    },
    ibm_iam_access_group_policy: { args: ['access_group_id', ...policyCommon], required: ['access_group_id', 'roles'], blocks: policyBlocks },
    ibm_iam_user_policy: { args: ['ibm_id', ...policyCommon], required: ['ibm_id', 'roles'], blocks: policyBlocks },
    ibm_iam_service_policy: { args: ['iam_service_id', 'iam_id', ...policyCommon], required: ['roles'], blocks: policyBlocks },
    ibm_iam_trusted_profile_policy: { args: ['profile_id', 'iam_id', ...policyCommon], required: ['roles'], blocks: policyBlocks },
  },
  data: {
    ibm_resource_group: { args: ['name', 'is_default'] },
    ibm_iam_service_id: { args: ['name'], required: ['name'] },
    ibm_iam_trusted_profiles: { args: ['account_id', 'name', 'include_history'], required: ['account_id'] },
  },
};
