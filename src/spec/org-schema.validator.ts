/* eslint-disable */
// @ts-nocheck
// GENERATED from schemas/org.schema.json by test/unit/spec/schema-validator.test.ts (UPDATE_GENERATED=1). Do not edit.
"use strict";
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"qgov org spec (apiVersion qgov/v1)","description":"Who may use IBM Qiskit Runtime (IAM service quantum-computing) in one IBM Cloud account. See docs/spec.md.","type":"object","additionalProperties":false,"required":["apiVersion","account","roles","projects"],"properties":{"apiVersion":{"description":"Spec format version. Always `qgov/v1`.","const":"qgov/v1"},"account":{"description":"The IBM Cloud account qgov governs.","type":"object","additionalProperties":false,"required":["id"],"properties":{"id":{"description":"Account ID: 32 lower-case hex characters. Usually `${IBMCLOUD_ACCOUNT_ID}` (interpolated from the environment).","type":"string","pattern":"^[0-9a-f]{32}$"},"allocationBudgetSeconds":{"description":"Optional entitlement (Flex/Premium seconds). The sum of every instance's `limits.allocationSeconds` must not exceed it.","type":"integer","minimum":0}}},"naming":{"description":"How qgov names what it derives.","type":"object","additionalProperties":false,"default":{"prefix":"qr-"},"properties":{"prefix":{"description":"Prepended to every access-group name qgov derives (`<prefix><project>-readers`). May be empty.","type":"string","default":"qr-"}}},"identityProvider":{"description":"Optional external identity provider (e.g. App ID). When present, every project and group gets IAM dynamic rules that admit users whose `claim` contains the project's claim values.","type":"object","additionalProperties":false,"required":["realm"],"properties":{"realm":{"description":"The identity provider's realm / IdP URL as IAM knows it (an https URL).","type":"string","minLength":1},"claim":{"description":"The claim (user attribute) carrying project membership. IBM's guides use `project`.","type":"string","minLength":1,"default":"project"},"sessionHours":{"description":"How long a dynamic-rule membership lasts before IAM re-checks it at the next login (IAM rule `expiration`), 1..24 hours.","type":"integer","default":12}}},"roles":{"description":"The two custom roles on service quantum-computing, shared by every project: readers see devices and jobs, writers also run and cancel jobs.","type":"object","additionalProperties":false,"required":["reader","writer"],"properties":{"reader":{"$ref":"#/$defs/role","description":"Read-only role: no create, cancel, delete or update actions."},"writer":{"$ref":"#/$defs/role","description":"Role for running jobs; should contain every reader action."}}},"defaults":{"description":"Values used where an instance or project leaves a field out.","type":"object","additionalProperties":false,"default":{"region":"us-east","plan":"standard","scope":"instance"},"properties":{"region":{"$ref":"#/$defs/region","description":"Default region of instances.","default":"us-east"},"plan":{"$ref":"#/$defs/plan","description":"Default catalog plan name of instances.","default":"standard"},"scope":{"$ref":"#/$defs/scope","description":"Default target of project policies: each instance (`instance`) or the project's resource group (`resourceGroup`).","default":"instance"},"resourceGroup":{"$ref":"#/$defs/resourceGroup","description":"Resource group for instances that name none. Absent = the account's default resource group."}}},"instances":{"description":"Qiskit Runtime service instances by exact IBM Cloud instance name (e.g. `QR-ml`). Projects refer to them by name; one instance may serve several projects.","type":"object","default":{},"propertyNames":{"minLength":1},"additionalProperties":{"$ref":"#/$defs/instance"}},"projects":{"description":"Projects by name. A project is a set of users sharing instances; its name feeds access-group names (`<prefix><project>-readers`, `-writers`) and derived dynamic-rule claim values. No project name may be a substring of another.","type":"object","propertyNames":{"minLength":1},"additionalProperties":{"$ref":"#/$defs/project"}},"groups":{"description":"Hierarchy: access groups spanning several projects (their policies cover every instance of the listed projects), by group name.","type":"object","default":{},"propertyNames":{"minLength":1},"additionalProperties":{"$ref":"#/$defs/group"}},"protected":{"description":"Addresses (`access-group:qr-ml-readers`), names or `*`-globs that qgov must never delete or replace, even when absent from the spec.","type":"array","default":[],"items":{"type":"string","minLength":1,"description":"An address, a name or a `*`-glob."}},"removalBudget":{"description":"Largest fraction (0..1) of one kind's qgov-owned objects a single apply may delete without --allow-removals.","type":"number","minimum":0,"maximum":1,"default":0.25},"maxTemporaryDays":{"description":"Longest allowed temporary grant, in days from now (a grant's `until` must fall within it).","type":"integer","minimum":1,"default":90},"requireApproval":{"description":"When true, every temporary grant and limit exception must also name a `ticket` (`approvedBy` is always required).","type":"boolean","default":false},"accountSettings":{"description":"Account-wide IAM settings (step 1 of IBM's organisation setup). Only the keys written here are managed: a key left out is never read or changed.","type":"object","additionalProperties":false,"properties":{"restrictCreateApiKey":{"description":"Who may create API keys (IAM Identity `restrict_create_platform_apikey`): `RESTRICTED` = only identities granted the permission.","type":"string","enum":["RESTRICTED","NOT_RESTRICTED","NOT_SET"]},"restrictCreateServiceId":{"description":"Who may create service IDs (`restrict_create_service_id`).","type":"string","enum":["RESTRICTED","NOT_RESTRICTED","NOT_SET"]},"mfa":{"description":"Account MFA level (`mfa`).","type":"string","enum":["NONE","NONE_NO_ROPC","TOTP","TOTP4ALL","LEVEL1","LEVEL2","LEVEL3"]},"sessionExpirationSeconds":{"description":"Session lifetime in seconds, 900..86400 (`session_expiration_in_seconds`), or `NOT_SET` for IBM's default.","oneOf":[{"type":"integer","minimum":900,"maximum":86400},{"type":"string","enum":["NOT_SET"]}]},"sessionInactivitySeconds":{"description":"Inactivity timeout in seconds, 900..7200 (`session_invalidation_in_seconds`), or `NOT_SET` for IBM's default.","oneOf":[{"type":"integer","minimum":900,"maximum":7200},{"type":"string","enum":["NOT_SET"]}]},"restrictUserListVisibility":{"description":"Whether users see only themselves in the account's user list (`restrict_user_list_visibility`).","type":"boolean"},"publicAccessGroup":{"description":"Whether the Public Access group is enabled (IAM Access Groups `public_access_enabled`). Turning it off deletes every policy on that group.","type":"boolean"}}},"audit":{"description":"Audit event targets (IBM Cloud Logs instances that receive the Activity Tracker events): IBM asks for one in every region that hosts Qiskit Runtime instances.","type":"object","additionalProperties":false,"required":["regions"],"properties":{"regions":{"description":"`auto` = every region that hosts a declared instance; or an explicit list of regions.","oneOf":[{"type":"string","enum":["auto"]},{"type":"array","uniqueItems":true,"items":{"$ref":"#/$defs/region"}}]},"plan":{"description":"Catalogue plan of each target. Defaults to `standard`.","type":"string","minLength":1,"default":"standard"},"namePrefix":{"description":"Targets are named `<namePrefix><region>`. Defaults to `qgov-audit-`.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9 _.-]{0,60}$","default":"qgov-audit-"},"resourceGroup":{"$ref":"#/$defs/resourceGroup","description":"Resource group of the targets. Defaults to `defaults.resourceGroup`."}}},"assertions":{"description":"Invariants about effective access that `qgov test` checks (offline against the spec, or against the live account with --live) and `qgov plan` refuses to break. See docs/assertions.md.","type":"array","default":[],"items":{"$ref":"#/$defs/assertion"}}},"$defs":{"assertion":{"description":"One invariant: who (except whom) can or cannot do what on what, optionally until a date. Exactly one of `can` and `cannot`.","type":"object","additionalProperties":false,"required":["who","on"],"properties":{"name":{"description":"A short name, shown in test reports instead of the generated one.","type":"string","minLength":1},"reason":{"description":"Why the invariant exists (shown with failures).","type":"string","minLength":1},"who":{"description":"`*`, a member (e-mail, `IBMid-…`, `serviceId:NAME`, `iam-ServiceId-…`, `profile:NAME`, `iam-Profile-…`), `project:NAME[/readers|/writers]`, `group:NAME[/readers|/writers]`, `accessGroup:NAME` or `claim:VALUE`.","type":"string","minLength":1},"except":{"description":"Who to leave out of `who`, in the same forms (e.g. `project:ml/*`).","type":"array","uniqueItems":true,"items":{"type":"string","minLength":1,"description":"A who, as in `who`."}},"can":{"$ref":"#/$defs/assertedActions","description":"Every principal of `who` must be allowed every one of these actions on every instance of `on`."},"cannot":{"$ref":"#/$defs/assertedActions","description":"No principal of `who` may be allowed any of these actions on any instance of `on`."},"on":{"description":"`*` (every instance), `instance:NAME`, `resourceGroup:NAME`, `project:NAME` or `group:NAME` (the instances its policies target).","type":"string","minLength":1},"until":{"description":"Checked only before this date (`YYYY-MM-DD`, UTC midnight) or RFC 3339 date-time.","type":"string","pattern":"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[Tt ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]+)?)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2}))?$"}}},"assertedActions":{"description":"An IAM action (`quantum-computing.job.read`, or `job.read` for short), the spec's role name (`reader`, `writer`: all its actions), or a list of them.","anyOf":[{"type":"string","minLength":1},{"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","minLength":1}}]},"region":{"description":"A Qiskit Runtime region.","type":"string","enum":["us-east","eu-de"]},"scope":{"description":"`instance`: policies name each instance; `resourceGroup`: policies name the project's resource group.","type":"string","enum":["instance","resourceGroup"]},"plan":{"description":"Catalog plan name (e.g. `open`, `standard`, `flex`, `premium`).","type":"string","minLength":1},"resourceGroup":{"description":"Resource group name.","type":"string","minLength":1},"member":{"description":"A member: an e-mail address, `IBMid-…`, `serviceId:NAME`, `iam-ServiceId-…`, `profile:NAME` or `iam-Profile-…`.","type":"string","minLength":1},"members":{"description":"Members, each an e-mail address, `IBMid-…`, `serviceId:NAME`, `iam-ServiceId-…`, `profile:NAME` or `iam-Profile-…`.","type":"array","default":[],"items":{"$ref":"#/$defs/member"}},"claimValues":{"description":"Dynamic-rule claim values (only with `identityProvider`): a user whose claim contains the value joins the readers or writers group. Must not be substrings of each other.","type":"object","additionalProperties":false,"properties":{"reader":{"description":"Claim value admitting readers. Default `<name>-reader`.","type":"string","minLength":1},"writer":{"description":"Claim value admitting writers. Default `<name>-writer`.","type":"string","minLength":1}}},"role":{"description":"A custom role on service quantum-computing.","type":"object","additionalProperties":false,"required":["name","actions"],"properties":{"name":{"description":"Custom role ID: a capital letter then up to 29 letters or digits (e.g. `QRreader`). Immutable: changing it replaces the role.","type":"string","minLength":1},"displayName":{"description":"Shown in the console, at most 50 characters. Defaults to `name`.","type":"string","minLength":1},"description":{"description":"At most 250 characters. Defaults to a generated sentence.","type":"string"},"actions":{"description":"IAM actions of service quantum-computing (e.g. `quantum-computing.job.read`).","type":"array","minItems":1,"uniqueItems":true,"items":{"description":"An IAM action, `quantum-computing.<resource>.<verb>`.","type":"string","pattern":"^quantum-computing\\."}}}},"limits":{"description":"Usage limits of an instance (IBM `instance_limit_seconds`, `usage_allocation_seconds`, `backends`).","type":"object","additionalProperties":false,"properties":{"instanceSeconds":{"description":"Hard cap on usage per period, in seconds (`instance_limit_seconds`).","type":"integer","minimum":0},"allocationSeconds":{"description":"Flex/Premium allocation, in seconds (`usage_allocation_seconds`): the fair-share target over a rolling 28-day window.","type":"integer","minimum":0},"backends":{"description":"Allowed QPUs (e.g. `ibm_torino`). Absent = every backend the plan offers; `[]` = none.","type":"array","uniqueItems":true,"items":{"type":"string","minLength":1,"description":"A backend name."}},"exceptions":{"description":"Temporary raises: while one runs (`from` ≤ now < `until`) its values replace the base ones above; afterwards the plan reverts to the base.","type":"array","items":{"$ref":"#/$defs/limitException"}}}},"limitException":{"description":"A temporary limit raise, justified and approved like a temporary grant.","type":"object","additionalProperties":false,"required":["until","reason","approvedBy"],"properties":{"instanceSeconds":{"description":"The raised `instance_limit_seconds`.","type":"integer","minimum":0},"allocationSeconds":{"description":"The raised `usage_allocation_seconds`.","type":"integer","minimum":0},"from":{"description":"Start, RFC 3339. Defaults to now.","type":"string","format":"date-time"},"until":{"description":"End, RFC 3339 with offset; within `maxTemporaryDays` of now.","type":"string","format":"date-time"},"reason":{"description":"Why the raise exists.","type":"string","minLength":1},"approvedBy":{"$ref":"#/$defs/member","description":"Who approved it."},"ticket":{"description":"Change or approval ticket (e.g. `CHG-1234`); required with `requireApproval: true`.","type":"string","minLength":1}}},"instance":{"description":"A Qiskit Runtime service instance.","type":"object","additionalProperties":false,"properties":{"plan":{"$ref":"#/$defs/plan","description":"Catalog plan name. Defaults to `defaults.plan`."},"region":{"$ref":"#/$defs/region","description":"Region. Defaults to `defaults.region`. Immutable: changing it replaces the instance (its jobs are lost)."},"resourceGroup":{"$ref":"#/$defs/resourceGroup","description":"Resource group. Defaults to `defaults.resourceGroup`. Immutable: changing it replaces the instance."},"limits":{"$ref":"#/$defs/limits","description":"Usage limits: `instanceSeconds`, `allocationSeconds`, `backends`."},"tags":{"description":"Extra user tags; qgov adds its own ownership tag.","type":"array","default":[],"uniqueItems":true,"items":{"description":"A user tag: `key:value` or a label, up to 128 letters, digits, spaces, `_ - . :`.","type":"string","pattern":"^[A-Za-z0-9 _.:-]{1,128}$"}}}},"grant":{"description":"A temporary grant: one member gets a project's reader or writer role until a time (an IAM time-based policy condition).","type":"object","additionalProperties":false,"required":["member","role","until","reason","approvedBy"],"properties":{"member":{"$ref":"#/$defs/member","description":"Who gets the access."},"role":{"description":"Which of the project's roles.","type":"string","enum":["reader","writer"]},"until":{"description":"End of the grant, RFC 3339 with offset (e.g. `2027-06-30T00:00:00Z`). Must be within `maxTemporaryDays` of now.","type":"string","format":"date-time"},"from":{"description":"Start of the grant, RFC 3339. Defaults to the time of apply.","type":"string","format":"date-time"},"reason":{"description":"Why the grant exists (shown in access reviews).","type":"string","minLength":1},"approvedBy":{"$ref":"#/$defs/member","description":"Who approved it; must differ from `member`."},"ticket":{"description":"Change or approval ticket (e.g. `CHG-1234`); required with `requireApproval: true`.","type":"string","minLength":1}}},"project":{"description":"A project: readers and writers of a set of instances, each side one access group.","type":"object","additionalProperties":false,"properties":{"description":{"description":"Free text, copied to the project's access groups.","type":"string"},"instances":{"description":"Names of entries in `instances` this project may use.","type":"array","default":[],"uniqueItems":true,"items":{"type":"string","minLength":1,"description":"An instance name from `instances`."}},"scope":{"$ref":"#/$defs/scope","description":"What the project's policies target. Defaults to `defaults.scope`."},"resourceGroup":{"$ref":"#/$defs/resourceGroup","description":"The project's resource group; required when `scope: resourceGroup`."},"readers":{"$ref":"#/$defs/members","description":"Members of `<prefix><project>-readers`."},"writers":{"$ref":"#/$defs/members","description":"Members of `<prefix><project>-writers`."},"idp":{"$ref":"#/$defs/claimValues","description":"Dynamic-rule claim values for this project (default `<project>-reader` / `<project>-writer`)."},"temporary":{"description":"Temporary grants, compiled to user policies with IAM time-based conditions.","type":"array","default":[],"items":{"$ref":"#/$defs/grant"}}}},"group":{"description":"An access group over several projects (hierarchy): its policies cover every instance of the listed projects.","type":"object","additionalProperties":false,"required":["projects"],"properties":{"description":{"description":"Free text, copied to the group's access groups.","type":"string"},"projects":{"description":"Names of entries in `projects`.","type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","minLength":1,"description":"A project name from `projects`."}},"readers":{"$ref":"#/$defs/members","description":"Members of `<prefix><group>-readers`."},"writers":{"$ref":"#/$defs/members","description":"Members of `<prefix><group>-writers`."},"idp":{"$ref":"#/$defs/claimValues","description":"Dynamic-rule claim values for this group (default `<group>-reader` / `<group>-writer`)."}}}}};
const schema32 = {"description":"A custom role on service quantum-computing.","type":"object","additionalProperties":false,"required":["name","actions"],"properties":{"name":{"description":"Custom role ID: a capital letter then up to 29 letters or digits (e.g. `QRreader`). Immutable: changing it replaces the role.","type":"string","minLength":1},"displayName":{"description":"Shown in the console, at most 50 characters. Defaults to `name`.","type":"string","minLength":1},"description":{"description":"At most 250 characters. Defaults to a generated sentence.","type":"string"},"actions":{"description":"IAM actions of service quantum-computing (e.g. `quantum-computing.job.read`).","type":"array","minItems":1,"uniqueItems":true,"items":{"description":"An IAM action, `quantum-computing.<resource>.<verb>`.","type":"string","pattern":"^quantum-computing\\."}}}};
const schema34 = {"description":"A Qiskit Runtime region.","type":"string","enum":["us-east","eu-de"]};
const schema35 = {"description":"Catalog plan name (e.g. `open`, `standard`, `flex`, `premium`).","type":"string","minLength":1};
const schema36 = {"description":"`instance`: policies name each instance; `resourceGroup`: policies name the project's resource group.","type":"string","enum":["instance","resourceGroup"]};
const schema37 = {"description":"Resource group name.","type":"string","minLength":1};
const func1 = Object.prototype.hasOwnProperty;
const func2 = require("ajv/dist/runtime/ucs2length").default;
const func0 = require("ajv/dist/runtime/equal").default;
const pattern4 = new RegExp("^[0-9a-f]{32}$", "u");
const pattern5 = new RegExp("^quantum-computing\\.", "u");
const pattern8 = new RegExp("^[A-Za-z0-9][A-Za-z0-9 _.-]{0,60}$", "u");
const schema38 = {"description":"A Qiskit Runtime service instance.","type":"object","additionalProperties":false,"properties":{"plan":{"$ref":"#/$defs/plan","description":"Catalog plan name. Defaults to `defaults.plan`."},"region":{"$ref":"#/$defs/region","description":"Region. Defaults to `defaults.region`. Immutable: changing it replaces the instance (its jobs are lost)."},"resourceGroup":{"$ref":"#/$defs/resourceGroup","description":"Resource group. Defaults to `defaults.resourceGroup`. Immutable: changing it replaces the instance."},"limits":{"$ref":"#/$defs/limits","description":"Usage limits: `instanceSeconds`, `allocationSeconds`, `backends`."},"tags":{"description":"Extra user tags; qgov adds its own ownership tag.","type":"array","default":[],"uniqueItems":true,"items":{"description":"A user tag: `key:value` or a label, up to 128 letters, digits, spaces, `_ - . :`.","type":"string","pattern":"^[A-Za-z0-9 _.:-]{1,128}$"}}}};
const schema42 = {"description":"Usage limits of an instance (IBM `instance_limit_seconds`, `usage_allocation_seconds`, `backends`).","type":"object","additionalProperties":false,"properties":{"instanceSeconds":{"description":"Hard cap on usage per period, in seconds (`instance_limit_seconds`).","type":"integer","minimum":0},"allocationSeconds":{"description":"Flex/Premium allocation, in seconds (`usage_allocation_seconds`): the fair-share target over a rolling 28-day window.","type":"integer","minimum":0},"backends":{"description":"Allowed QPUs (e.g. `ibm_torino`). Absent = every backend the plan offers; `[]` = none.","type":"array","uniqueItems":true,"items":{"type":"string","minLength":1,"description":"A backend name."}},"exceptions":{"description":"Temporary raises: while one runs (`from` ≤ now < `until`) its values replace the base ones above; afterwards the plan reverts to the base.","type":"array","items":{"$ref":"#/$defs/limitException"}}}};
const schema43 = {"description":"A temporary limit raise, justified and approved like a temporary grant.","type":"object","additionalProperties":false,"required":["until","reason","approvedBy"],"properties":{"instanceSeconds":{"description":"The raised `instance_limit_seconds`.","type":"integer","minimum":0},"allocationSeconds":{"description":"The raised `usage_allocation_seconds`.","type":"integer","minimum":0},"from":{"description":"Start, RFC 3339. Defaults to now.","type":"string","format":"date-time"},"until":{"description":"End, RFC 3339 with offset; within `maxTemporaryDays` of now.","type":"string","format":"date-time"},"reason":{"description":"Why the raise exists.","type":"string","minLength":1},"approvedBy":{"$ref":"#/$defs/member","description":"Who approved it."},"ticket":{"description":"Change or approval ticket (e.g. `CHG-1234`); required with `requireApproval: true`.","type":"string","minLength":1}}};
const schema44 = {"description":"A member: an e-mail address, `IBMid-…`, `serviceId:NAME`, `iam-ServiceId-…`, `profile:NAME` or `iam-Profile-…`.","type":"string","minLength":1};
const formats0 = require("ajv-formats/dist/formats").fullFormats["date-time"];

function validate23(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate23.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.until === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "until"},message:"must have required property '"+"until"+"'",schema:schema43.required,parentSchema:schema43,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.reason === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "reason"},message:"must have required property '"+"reason"+"'",schema:schema43.required,parentSchema:schema43,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.approvedBy === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "approvedBy"},message:"must have required property '"+"approvedBy"+"'",schema:schema43.required,parentSchema:schema43,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "instanceSeconds") || (key0 === "allocationSeconds")) || (key0 === "from")) || (key0 === "until")) || (key0 === "reason")) || (key0 === "approvedBy")) || (key0 === "ticket"))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema43,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.instanceSeconds !== undefined){
let data0 = data.instanceSeconds;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err4 = {instancePath:instancePath+"/instanceSeconds",schemaPath:"#/properties/instanceSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema43.properties.instanceSeconds.type,parentSchema:schema43.properties.instanceSeconds,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 < 0 || isNaN(data0)){
const err5 = {instancePath:instancePath+"/instanceSeconds",schemaPath:"#/properties/instanceSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema43.properties.instanceSeconds,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data.allocationSeconds !== undefined){
let data1 = data.allocationSeconds;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err6 = {instancePath:instancePath+"/allocationSeconds",schemaPath:"#/properties/allocationSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema43.properties.allocationSeconds.type,parentSchema:schema43.properties.allocationSeconds,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 0 || isNaN(data1)){
const err7 = {instancePath:instancePath+"/allocationSeconds",schemaPath:"#/properties/allocationSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema43.properties.allocationSeconds,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
if(data.from !== undefined){
let data2 = data.from;
if(typeof data2 === "string"){
if(!(formats0.validate(data2))){
const err8 = {instancePath:instancePath+"/from",schemaPath:"#/properties/from/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema43.properties.from,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/from",schemaPath:"#/properties/from/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.from.type,parentSchema:schema43.properties.from,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.until !== undefined){
let data3 = data.until;
if(typeof data3 === "string"){
if(!(formats0.validate(data3))){
const err10 = {instancePath:instancePath+"/until",schemaPath:"#/properties/until/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema43.properties.until,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/until",schemaPath:"#/properties/until/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.until.type,parentSchema:schema43.properties.until,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.reason !== undefined){
let data4 = data.reason;
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err12 = {instancePath:instancePath+"/reason",schemaPath:"#/properties/reason/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema43.properties.reason,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/reason",schemaPath:"#/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.reason.type,parentSchema:schema43.properties.reason,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.approvedBy !== undefined){
let data5 = data.approvedBy;
if(typeof data5 === "string"){
if(func2(data5) < 1){
const err14 = {instancePath:instancePath+"/approvedBy",schemaPath:"#/$defs/member/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema44,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/approvedBy",schemaPath:"#/$defs/member/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.type,parentSchema:schema44,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.ticket !== undefined){
let data6 = data.ticket;
if(typeof data6 === "string"){
if(func2(data6) < 1){
const err16 = {instancePath:instancePath+"/ticket",schemaPath:"#/properties/ticket/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema43.properties.ticket,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/ticket",schemaPath:"#/properties/ticket/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.ticket.type,parentSchema:schema43.properties.ticket,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.type,parentSchema:schema43,data};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
validate23.errors = vErrors;
return errors === 0;
}
validate23.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate22.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((key0 === "instanceSeconds") || (key0 === "allocationSeconds")) || (key0 === "backends")) || (key0 === "exceptions"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema42,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.instanceSeconds !== undefined){
let data0 = data.instanceSeconds;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err1 = {instancePath:instancePath+"/instanceSeconds",schemaPath:"#/properties/instanceSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema42.properties.instanceSeconds.type,parentSchema:schema42.properties.instanceSeconds,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 < 0 || isNaN(data0)){
const err2 = {instancePath:instancePath+"/instanceSeconds",schemaPath:"#/properties/instanceSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema42.properties.instanceSeconds,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
}
if(data.allocationSeconds !== undefined){
let data1 = data.allocationSeconds;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err3 = {instancePath:instancePath+"/allocationSeconds",schemaPath:"#/properties/allocationSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema42.properties.allocationSeconds.type,parentSchema:schema42.properties.allocationSeconds,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 0 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/allocationSeconds",schemaPath:"#/properties/allocationSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema42.properties.allocationSeconds,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
if(data.backends !== undefined){
let data2 = data.backends;
if(Array.isArray(data2)){
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err5 = {instancePath:instancePath+"/backends/" + i0,schemaPath:"#/properties/backends/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema42.properties.backends.items,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/backends/" + i0,schemaPath:"#/properties/backends/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.properties.backends.items.type,parentSchema:schema42.properties.backends.items,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
let i1 = data2.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data2[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err7 = {instancePath:instancePath+"/backends",schemaPath:"#/properties/backends/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema42.properties.backends,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err8 = {instancePath:instancePath+"/backends",schemaPath:"#/properties/backends/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema42.properties.backends.type,parentSchema:schema42.properties.backends,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.exceptions !== undefined){
let data4 = data.exceptions;
if(Array.isArray(data4)){
const len1 = data4.length;
for(let i2=0; i2<len1; i2++){
if(!(validate23(data4[i2], {instancePath:instancePath+"/exceptions/" + i2,parentData:data4,parentDataProperty:i2,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
}
else {
const err9 = {instancePath:instancePath+"/exceptions",schemaPath:"#/properties/exceptions/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema42.properties.exceptions.type,parentSchema:schema42.properties.exceptions,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema42.type,parentSchema:schema42,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate22.errors = vErrors;
return errors === 0;
}
validate22.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const pattern7 = new RegExp("^[A-Za-z0-9 _.:-]{1,128}$", "u");

function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate21.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((((key0 === "plan") || (key0 === "region")) || (key0 === "resourceGroup")) || (key0 === "limits")) || (key0 === "tags"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema38,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.plan !== undefined){
let data0 = data.plan;
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err1 = {instancePath:instancePath+"/plan",schemaPath:"#/$defs/plan/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema35,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/plan",schemaPath:"#/$defs/plan/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.region !== undefined){
let data1 = data.region;
if(typeof data1 !== "string"){
const err3 = {instancePath:instancePath+"/region",schemaPath:"#/$defs/region/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!((data1 === "us-east") || (data1 === "eu-de"))){
const err4 = {instancePath:instancePath+"/region",schemaPath:"#/$defs/region/enum",keyword:"enum",params:{allowedValues: schema34.enum},message:"must be equal to one of the allowed values",schema:schema34.enum,parentSchema:schema34,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.resourceGroup !== undefined){
let data2 = data.resourceGroup;
if(typeof data2 === "string"){
if(func2(data2) < 1){
const err5 = {instancePath:instancePath+"/resourceGroup",schemaPath:"#/$defs/resourceGroup/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema37,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/resourceGroup",schemaPath:"#/$defs/resourceGroup/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.type,parentSchema:schema37,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.limits !== undefined){
if(!(validate22(data.limits, {instancePath:instancePath+"/limits",parentData:data,parentDataProperty:"limits",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
if(data.tags !== undefined){
let data4 = data.tags;
if(Array.isArray(data4)){
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
let data5 = data4[i0];
if(typeof data5 === "string"){
if(!pattern7.test(data5)){
const err7 = {instancePath:instancePath+"/tags/" + i0,schemaPath:"#/properties/tags/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9 _.:-]{1,128}$"},message:"must match pattern \""+"^[A-Za-z0-9 _.:-]{1,128}$"+"\"",schema:"^[A-Za-z0-9 _.:-]{1,128}$",parentSchema:schema38.properties.tags.items,data:data5};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/tags/" + i0,schemaPath:"#/properties/tags/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.properties.tags.items.type,parentSchema:schema38.properties.tags.items,data:data5};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
let i1 = data4.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data4[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err9 = {instancePath:instancePath+"/tags",schemaPath:"#/properties/tags/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema38.properties.tags,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err10 = {instancePath:instancePath+"/tags",schemaPath:"#/properties/tags/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema38.properties.tags.type,parentSchema:schema38.properties.tags,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema38.type,parentSchema:schema38,data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}
validate21.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema45 = {"description":"A project: readers and writers of a set of instances, each side one access group.","type":"object","additionalProperties":false,"properties":{"description":{"description":"Free text, copied to the project's access groups.","type":"string"},"instances":{"description":"Names of entries in `instances` this project may use.","type":"array","default":[],"uniqueItems":true,"items":{"type":"string","minLength":1,"description":"An instance name from `instances`."}},"scope":{"$ref":"#/$defs/scope","description":"What the project's policies target. Defaults to `defaults.scope`."},"resourceGroup":{"$ref":"#/$defs/resourceGroup","description":"The project's resource group; required when `scope: resourceGroup`."},"readers":{"$ref":"#/$defs/members","description":"Members of `<prefix><project>-readers`."},"writers":{"$ref":"#/$defs/members","description":"Members of `<prefix><project>-writers`."},"idp":{"$ref":"#/$defs/claimValues","description":"Dynamic-rule claim values for this project (default `<project>-reader` / `<project>-writer`)."},"temporary":{"description":"Temporary grants, compiled to user policies with IAM time-based conditions.","type":"array","default":[],"items":{"$ref":"#/$defs/grant"}}}};
const schema50 = {"description":"Dynamic-rule claim values (only with `identityProvider`): a user whose claim contains the value joins the readers or writers group. Must not be substrings of each other.","type":"object","additionalProperties":false,"properties":{"reader":{"description":"Claim value admitting readers. Default `<name>-reader`.","type":"string","minLength":1},"writer":{"description":"Claim value admitting writers. Default `<name>-writer`.","type":"string","minLength":1}}};
const schema48 = {"description":"Members, each an e-mail address, `IBMid-…`, `serviceId:NAME`, `iam-ServiceId-…`, `profile:NAME` or `iam-Profile-…`.","type":"array","default":[],"items":{"$ref":"#/$defs/member"}};

function validate28(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate28.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(Array.isArray(data)){
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
let data0 = data[i0];
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err0 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/member/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema44,data:data0};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
else {
const err1 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/member/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.type,parentSchema:schema44,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
}
else {
const err2 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema48.type,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
validate28.errors = vErrors;
return errors === 0;
}
validate28.evaluated = {"items":true,"dynamicProps":false,"dynamicItems":false};

const schema51 = {"description":"A temporary grant: one member gets a project's reader or writer role until a time (an IAM time-based policy condition).","type":"object","additionalProperties":false,"required":["member","role","until","reason","approvedBy"],"properties":{"member":{"$ref":"#/$defs/member","description":"Who gets the access."},"role":{"description":"Which of the project's roles.","type":"string","enum":["reader","writer"]},"until":{"description":"End of the grant, RFC 3339 with offset (e.g. `2027-06-30T00:00:00Z`). Must be within `maxTemporaryDays` of now.","type":"string","format":"date-time"},"from":{"description":"Start of the grant, RFC 3339. Defaults to the time of apply.","type":"string","format":"date-time"},"reason":{"description":"Why the grant exists (shown in access reviews).","type":"string","minLength":1},"approvedBy":{"$ref":"#/$defs/member","description":"Who approved it; must differ from `member`."},"ticket":{"description":"Change or approval ticket (e.g. `CHG-1234`); required with `requireApproval: true`.","type":"string","minLength":1}}};

function validate31(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate31.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.member === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "member"},message:"must have required property '"+"member"+"'",schema:schema51.required,parentSchema:schema51,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.role === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "role"},message:"must have required property '"+"role"+"'",schema:schema51.required,parentSchema:schema51,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.until === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "until"},message:"must have required property '"+"until"+"'",schema:schema51.required,parentSchema:schema51,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.reason === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "reason"},message:"must have required property '"+"reason"+"'",schema:schema51.required,parentSchema:schema51,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.approvedBy === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "approvedBy"},message:"must have required property '"+"approvedBy"+"'",schema:schema51.required,parentSchema:schema51,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "member") || (key0 === "role")) || (key0 === "until")) || (key0 === "from")) || (key0 === "reason")) || (key0 === "approvedBy")) || (key0 === "ticket"))){
const err5 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema51,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.member !== undefined){
let data0 = data.member;
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err6 = {instancePath:instancePath+"/member",schemaPath:"#/$defs/member/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema44,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/member",schemaPath:"#/$defs/member/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.type,parentSchema:schema44,data:data0};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.role !== undefined){
let data1 = data.role;
if(typeof data1 !== "string"){
const err8 = {instancePath:instancePath+"/role",schemaPath:"#/properties/role/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema51.properties.role.type,parentSchema:schema51.properties.role,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!((data1 === "reader") || (data1 === "writer"))){
const err9 = {instancePath:instancePath+"/role",schemaPath:"#/properties/role/enum",keyword:"enum",params:{allowedValues: schema51.properties.role.enum},message:"must be equal to one of the allowed values",schema:schema51.properties.role.enum,parentSchema:schema51.properties.role,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.until !== undefined){
let data2 = data.until;
if(typeof data2 === "string"){
if(!(formats0.validate(data2))){
const err10 = {instancePath:instancePath+"/until",schemaPath:"#/properties/until/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema51.properties.until,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/until",schemaPath:"#/properties/until/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema51.properties.until.type,parentSchema:schema51.properties.until,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.from !== undefined){
let data3 = data.from;
if(typeof data3 === "string"){
if(!(formats0.validate(data3))){
const err12 = {instancePath:instancePath+"/from",schemaPath:"#/properties/from/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema51.properties.from,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/from",schemaPath:"#/properties/from/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema51.properties.from.type,parentSchema:schema51.properties.from,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.reason !== undefined){
let data4 = data.reason;
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err14 = {instancePath:instancePath+"/reason",schemaPath:"#/properties/reason/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema51.properties.reason,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/reason",schemaPath:"#/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema51.properties.reason.type,parentSchema:schema51.properties.reason,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.approvedBy !== undefined){
let data5 = data.approvedBy;
if(typeof data5 === "string"){
if(func2(data5) < 1){
const err16 = {instancePath:instancePath+"/approvedBy",schemaPath:"#/$defs/member/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema44,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/approvedBy",schemaPath:"#/$defs/member/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.type,parentSchema:schema44,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.ticket !== undefined){
let data6 = data.ticket;
if(typeof data6 === "string"){
if(func2(data6) < 1){
const err18 = {instancePath:instancePath+"/ticket",schemaPath:"#/properties/ticket/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema51.properties.ticket,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/ticket",schemaPath:"#/properties/ticket/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema51.properties.ticket.type,parentSchema:schema51.properties.ticket,data:data6};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema51.type,parentSchema:schema51,data};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
validate31.errors = vErrors;
return errors === 0;
}
validate31.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate27(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate27.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((((((key0 === "description") || (key0 === "instances")) || (key0 === "scope")) || (key0 === "resourceGroup")) || (key0 === "readers")) || (key0 === "writers")) || (key0 === "idp")) || (key0 === "temporary"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema45,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.description !== undefined){
let data0 = data.description;
if(typeof data0 !== "string"){
const err1 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema45.properties.description.type,parentSchema:schema45.properties.description,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.instances !== undefined){
let data1 = data.instances;
if(Array.isArray(data1)){
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(typeof data2 === "string"){
if(func2(data2) < 1){
const err2 = {instancePath:instancePath+"/instances/" + i0,schemaPath:"#/properties/instances/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema45.properties.instances.items,data:data2};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/instances/" + i0,schemaPath:"#/properties/instances/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema45.properties.instances.items.type,parentSchema:schema45.properties.instances.items,data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
let i1 = data1.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data1[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err4 = {instancePath:instancePath+"/instances",schemaPath:"#/properties/instances/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema45.properties.instances,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err5 = {instancePath:instancePath+"/instances",schemaPath:"#/properties/instances/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema45.properties.instances.type,parentSchema:schema45.properties.instances,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.scope !== undefined){
let data3 = data.scope;
if(typeof data3 !== "string"){
const err6 = {instancePath:instancePath+"/scope",schemaPath:"#/$defs/scope/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema36.type,parentSchema:schema36,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!((data3 === "instance") || (data3 === "resourceGroup"))){
const err7 = {instancePath:instancePath+"/scope",schemaPath:"#/$defs/scope/enum",keyword:"enum",params:{allowedValues: schema36.enum},message:"must be equal to one of the allowed values",schema:schema36.enum,parentSchema:schema36,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.resourceGroup !== undefined){
let data4 = data.resourceGroup;
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err8 = {instancePath:instancePath+"/resourceGroup",schemaPath:"#/$defs/resourceGroup/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema37,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/resourceGroup",schemaPath:"#/$defs/resourceGroup/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.type,parentSchema:schema37,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.readers !== undefined){
if(!(validate28(data.readers, {instancePath:instancePath+"/readers",parentData:data,parentDataProperty:"readers",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
errors = vErrors.length;
}
}
if(data.writers !== undefined){
if(!(validate28(data.writers, {instancePath:instancePath+"/writers",parentData:data,parentDataProperty:"writers",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
errors = vErrors.length;
}
}
if(data.idp !== undefined){
let data7 = data.idp;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
for(const key1 in data7){
if(!((key1 === "reader") || (key1 === "writer"))){
const err10 = {instancePath:instancePath+"/idp",schemaPath:"#/$defs/claimValues/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema50,data:data7};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data7.reader !== undefined){
let data8 = data7.reader;
if(typeof data8 === "string"){
if(func2(data8) < 1){
const err11 = {instancePath:instancePath+"/idp/reader",schemaPath:"#/$defs/claimValues/properties/reader/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema50.properties.reader,data:data8};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/idp/reader",schemaPath:"#/$defs/claimValues/properties/reader/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema50.properties.reader.type,parentSchema:schema50.properties.reader,data:data8};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data7.writer !== undefined){
let data9 = data7.writer;
if(typeof data9 === "string"){
if(func2(data9) < 1){
const err13 = {instancePath:instancePath+"/idp/writer",schemaPath:"#/$defs/claimValues/properties/writer/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema50.properties.writer,data:data9};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/idp/writer",schemaPath:"#/$defs/claimValues/properties/writer/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema50.properties.writer.type,parentSchema:schema50.properties.writer,data:data9};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/idp",schemaPath:"#/$defs/claimValues/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema50.type,parentSchema:schema50,data:data7};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.temporary !== undefined){
let data10 = data.temporary;
if(Array.isArray(data10)){
const len1 = data10.length;
for(let i2=0; i2<len1; i2++){
if(!(validate31(data10[i2], {instancePath:instancePath+"/temporary/" + i2,parentData:data10,parentDataProperty:i2,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
errors = vErrors.length;
}
}
}
else {
const err16 = {instancePath:instancePath+"/temporary",schemaPath:"#/properties/temporary/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema45.properties.temporary.type,parentSchema:schema45.properties.temporary,data:data10};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
else {
const err17 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema45.type,parentSchema:schema45,data};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
validate27.errors = vErrors;
return errors === 0;
}
validate27.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema54 = {"description":"An access group over several projects (hierarchy): its policies cover every instance of the listed projects.","type":"object","additionalProperties":false,"required":["projects"],"properties":{"description":{"description":"Free text, copied to the group's access groups.","type":"string"},"projects":{"description":"Names of entries in `projects`.","type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","minLength":1,"description":"A project name from `projects`."}},"readers":{"$ref":"#/$defs/members","description":"Members of `<prefix><group>-readers`."},"writers":{"$ref":"#/$defs/members","description":"Members of `<prefix><group>-writers`."},"idp":{"$ref":"#/$defs/claimValues","description":"Dynamic-rule claim values for this group (default `<group>-reader` / `<group>-writer`)."}}};

function validate34(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate34.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.projects === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "projects"},message:"must have required property '"+"projects"+"'",schema:schema54.required,parentSchema:schema54,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "description") || (key0 === "projects")) || (key0 === "readers")) || (key0 === "writers")) || (key0 === "idp"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema54,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.description !== undefined){
let data0 = data.description;
if(typeof data0 !== "string"){
const err2 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema54.properties.description.type,parentSchema:schema54.properties.description,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.projects !== undefined){
let data1 = data.projects;
if(Array.isArray(data1)){
if(data1.length < 1){
const err3 = {instancePath:instancePath+"/projects",schemaPath:"#/properties/projects/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema54.properties.projects,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(typeof data2 === "string"){
if(func2(data2) < 1){
const err4 = {instancePath:instancePath+"/projects/" + i0,schemaPath:"#/properties/projects/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema54.properties.projects.items,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/projects/" + i0,schemaPath:"#/properties/projects/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema54.properties.projects.items.type,parentSchema:schema54.properties.projects.items,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
let i1 = data1.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data1[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err6 = {instancePath:instancePath+"/projects",schemaPath:"#/properties/projects/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema54.properties.projects,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err7 = {instancePath:instancePath+"/projects",schemaPath:"#/properties/projects/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema54.properties.projects.type,parentSchema:schema54.properties.projects,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.readers !== undefined){
if(!(validate28(data.readers, {instancePath:instancePath+"/readers",parentData:data,parentDataProperty:"readers",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
errors = vErrors.length;
}
}
if(data.writers !== undefined){
if(!(validate28(data.writers, {instancePath:instancePath+"/writers",parentData:data,parentDataProperty:"writers",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
errors = vErrors.length;
}
}
if(data.idp !== undefined){
let data5 = data.idp;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
for(const key1 in data5){
if(!((key1 === "reader") || (key1 === "writer"))){
const err8 = {instancePath:instancePath+"/idp",schemaPath:"#/$defs/claimValues/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema50,data:data5};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data5.reader !== undefined){
let data6 = data5.reader;
if(typeof data6 === "string"){
if(func2(data6) < 1){
const err9 = {instancePath:instancePath+"/idp/reader",schemaPath:"#/$defs/claimValues/properties/reader/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema50.properties.reader,data:data6};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/idp/reader",schemaPath:"#/$defs/claimValues/properties/reader/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema50.properties.reader.type,parentSchema:schema50.properties.reader,data:data6};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data5.writer !== undefined){
let data7 = data5.writer;
if(typeof data7 === "string"){
if(func2(data7) < 1){
const err11 = {instancePath:instancePath+"/idp/writer",schemaPath:"#/$defs/claimValues/properties/writer/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema50.properties.writer,data:data7};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/idp/writer",schemaPath:"#/$defs/claimValues/properties/writer/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema50.properties.writer.type,parentSchema:schema50.properties.writer,data:data7};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/idp",schemaPath:"#/$defs/claimValues/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema50.type,parentSchema:schema50,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema54.type,parentSchema:schema54,data};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
validate34.errors = vErrors;
return errors === 0;
}
validate34.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema58 = {"description":"One invariant: who (except whom) can or cannot do what on what, optionally until a date. Exactly one of `can` and `cannot`.","type":"object","additionalProperties":false,"required":["who","on"],"properties":{"name":{"description":"A short name, shown in test reports instead of the generated one.","type":"string","minLength":1},"reason":{"description":"Why the invariant exists (shown with failures).","type":"string","minLength":1},"who":{"description":"`*`, a member (e-mail, `IBMid-…`, `serviceId:NAME`, `iam-ServiceId-…`, `profile:NAME`, `iam-Profile-…`), `project:NAME[/readers|/writers]`, `group:NAME[/readers|/writers]`, `accessGroup:NAME` or `claim:VALUE`.","type":"string","minLength":1},"except":{"description":"Who to leave out of `who`, in the same forms (e.g. `project:ml/*`).","type":"array","uniqueItems":true,"items":{"type":"string","minLength":1,"description":"A who, as in `who`."}},"can":{"$ref":"#/$defs/assertedActions","description":"Every principal of `who` must be allowed every one of these actions on every instance of `on`."},"cannot":{"$ref":"#/$defs/assertedActions","description":"No principal of `who` may be allowed any of these actions on any instance of `on`."},"on":{"description":"`*` (every instance), `instance:NAME`, `resourceGroup:NAME`, `project:NAME` or `group:NAME` (the instances its policies target).","type":"string","minLength":1},"until":{"description":"Checked only before this date (`YYYY-MM-DD`, UTC midnight) or RFC 3339 date-time.","type":"string","pattern":"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[Tt ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]+)?)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2}))?$"}}};
const schema59 = {"description":"An IAM action (`quantum-computing.job.read`, or `job.read` for short), the spec's role name (`reader`, `writer`: all its actions), or a list of them.","anyOf":[{"type":"string","minLength":1},{"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","minLength":1}}]};
const pattern9 = new RegExp("^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[Tt ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]+)?)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2}))?$", "u");

function validate38(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate38.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.who === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "who"},message:"must have required property '"+"who"+"'",schema:schema58.required,parentSchema:schema58,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.on === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "on"},message:"must have required property '"+"on"+"'",schema:schema58.required,parentSchema:schema58,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((((((key0 === "name") || (key0 === "reason")) || (key0 === "who")) || (key0 === "except")) || (key0 === "can")) || (key0 === "cannot")) || (key0 === "on")) || (key0 === "until"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema58,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema58.properties.name,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema58.properties.name.type,parentSchema:schema58.properties.name,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.reason !== undefined){
let data1 = data.reason;
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err5 = {instancePath:instancePath+"/reason",schemaPath:"#/properties/reason/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema58.properties.reason,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/reason",schemaPath:"#/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema58.properties.reason.type,parentSchema:schema58.properties.reason,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.who !== undefined){
let data2 = data.who;
if(typeof data2 === "string"){
if(func2(data2) < 1){
const err7 = {instancePath:instancePath+"/who",schemaPath:"#/properties/who/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema58.properties.who,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/who",schemaPath:"#/properties/who/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema58.properties.who.type,parentSchema:schema58.properties.who,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.except !== undefined){
let data3 = data.except;
if(Array.isArray(data3)){
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err9 = {instancePath:instancePath+"/except/" + i0,schemaPath:"#/properties/except/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema58.properties.except.items,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/except/" + i0,schemaPath:"#/properties/except/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema58.properties.except.items.type,parentSchema:schema58.properties.except.items,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
let i1 = data3.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data3[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err11 = {instancePath:instancePath+"/except",schemaPath:"#/properties/except/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema58.properties.except,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err12 = {instancePath:instancePath+"/except",schemaPath:"#/properties/except/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema58.properties.except.type,parentSchema:schema58.properties.except,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.can !== undefined){
let data5 = data.can;
const _errs14 = errors;
let valid5 = false;
const _errs15 = errors;
if(typeof data5 === "string"){
if(func2(data5) < 1){
const err13 = {instancePath:instancePath+"/can",schemaPath:"#/$defs/assertedActions/anyOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema59.anyOf[0],data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/can",schemaPath:"#/$defs/assertedActions/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema59.anyOf[0].type,parentSchema:schema59.anyOf[0],data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
var _valid0 = _errs15 === errors;
valid5 = valid5 || _valid0;
const _errs17 = errors;
if(Array.isArray(data5)){
if(data5.length < 1){
const err15 = {instancePath:instancePath+"/can",schemaPath:"#/$defs/assertedActions/anyOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema59.anyOf[1],data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
const len1 = data5.length;
for(let i2=0; i2<len1; i2++){
let data6 = data5[i2];
if(typeof data6 === "string"){
if(func2(data6) < 1){
const err16 = {instancePath:instancePath+"/can/" + i2,schemaPath:"#/$defs/assertedActions/anyOf/1/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema59.anyOf[1].items,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/can/" + i2,schemaPath:"#/$defs/assertedActions/anyOf/1/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema59.anyOf[1].items.type,parentSchema:schema59.anyOf[1].items,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
let i3 = data5.length;
let j1;
if(i3 > 1){
const indices1 = {};
for(;i3--;){
let item1 = data5[i3];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j1 = indices1[item1];
const err18 = {instancePath:instancePath+"/can",schemaPath:"#/$defs/assertedActions/anyOf/1/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)",schema:true,parentSchema:schema59.anyOf[1],data:data5};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
break;
}
indices1[item1] = i3;
}
}
}
else {
const err19 = {instancePath:instancePath+"/can",schemaPath:"#/$defs/assertedActions/anyOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema59.anyOf[1].type,parentSchema:schema59.anyOf[1],data:data5};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
var _valid0 = _errs17 === errors;
valid5 = valid5 || _valid0;
if(!valid5){
const err20 = {instancePath:instancePath+"/can",schemaPath:"#/$defs/assertedActions/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema59.anyOf,parentSchema:schema59,data:data5};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
else {
errors = _errs14;
if(vErrors !== null){
if(_errs14){
vErrors.length = _errs14;
}
else {
vErrors = null;
}
}
}
}
if(data.cannot !== undefined){
let data7 = data.cannot;
const _errs23 = errors;
let valid10 = false;
const _errs24 = errors;
if(typeof data7 === "string"){
if(func2(data7) < 1){
const err21 = {instancePath:instancePath+"/cannot",schemaPath:"#/$defs/assertedActions/anyOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema59.anyOf[0],data:data7};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/cannot",schemaPath:"#/$defs/assertedActions/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema59.anyOf[0].type,parentSchema:schema59.anyOf[0],data:data7};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
var _valid1 = _errs24 === errors;
valid10 = valid10 || _valid1;
const _errs26 = errors;
if(Array.isArray(data7)){
if(data7.length < 1){
const err23 = {instancePath:instancePath+"/cannot",schemaPath:"#/$defs/assertedActions/anyOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema59.anyOf[1],data:data7};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
const len2 = data7.length;
for(let i4=0; i4<len2; i4++){
let data8 = data7[i4];
if(typeof data8 === "string"){
if(func2(data8) < 1){
const err24 = {instancePath:instancePath+"/cannot/" + i4,schemaPath:"#/$defs/assertedActions/anyOf/1/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema59.anyOf[1].items,data:data8};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath:instancePath+"/cannot/" + i4,schemaPath:"#/$defs/assertedActions/anyOf/1/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema59.anyOf[1].items.type,parentSchema:schema59.anyOf[1].items,data:data8};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
let i5 = data7.length;
let j2;
if(i5 > 1){
const indices2 = {};
for(;i5--;){
let item2 = data7[i5];
if(typeof item2 !== "string"){
continue;
}
if(typeof indices2[item2] == "number"){
j2 = indices2[item2];
const err26 = {instancePath:instancePath+"/cannot",schemaPath:"#/$defs/assertedActions/anyOf/1/uniqueItems",keyword:"uniqueItems",params:{i: i5, j: j2},message:"must NOT have duplicate items (items ## "+j2+" and "+i5+" are identical)",schema:true,parentSchema:schema59.anyOf[1],data:data7};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
break;
}
indices2[item2] = i5;
}
}
}
else {
const err27 = {instancePath:instancePath+"/cannot",schemaPath:"#/$defs/assertedActions/anyOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema59.anyOf[1].type,parentSchema:schema59.anyOf[1],data:data7};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
var _valid1 = _errs26 === errors;
valid10 = valid10 || _valid1;
if(!valid10){
const err28 = {instancePath:instancePath+"/cannot",schemaPath:"#/$defs/assertedActions/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema59.anyOf,parentSchema:schema59,data:data7};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
else {
errors = _errs23;
if(vErrors !== null){
if(_errs23){
vErrors.length = _errs23;
}
else {
vErrors = null;
}
}
}
}
if(data.on !== undefined){
let data9 = data.on;
if(typeof data9 === "string"){
if(func2(data9) < 1){
const err29 = {instancePath:instancePath+"/on",schemaPath:"#/properties/on/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema58.properties.on,data:data9};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/on",schemaPath:"#/properties/on/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema58.properties.on.type,parentSchema:schema58.properties.on,data:data9};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data.until !== undefined){
let data10 = data.until;
if(typeof data10 === "string"){
if(!pattern9.test(data10)){
const err31 = {instancePath:instancePath+"/until",schemaPath:"#/properties/until/pattern",keyword:"pattern",params:{pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[Tt ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]+)?)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2}))?$"},message:"must match pattern \""+"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[Tt ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]+)?)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2}))?$"+"\"",schema:"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[Tt ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]+)?)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2}))?$",parentSchema:schema58.properties.until,data:data10};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/until",schemaPath:"#/properties/until/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema58.properties.until.type,parentSchema:schema58.properties.until,data:data10};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
else {
const err33 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema58.type,parentSchema:schema58,data};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
validate38.errors = vErrors;
return errors === 0;
}
validate38.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.apiVersion === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "apiVersion"},message:"must have required property '"+"apiVersion"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.account === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "account"},message:"must have required property '"+"account"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.roles === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "roles"},message:"must have required property '"+"roles"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.projects === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "projects"},message:"must have required property '"+"projects"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema31.properties, key0))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.apiVersion !== undefined){
let data0 = data.apiVersion;
if("qgov/v1" !== data0){
const err5 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/properties/apiVersion/const",keyword:"const",params:{allowedValue: "qgov/v1"},message:"must be equal to constant",schema:"qgov/v1",parentSchema:schema31.properties.apiVersion,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.account !== undefined){
let data1 = data.account;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.id === undefined){
const err6 = {instancePath:instancePath+"/account",schemaPath:"#/properties/account/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema31.properties.account.required,parentSchema:schema31.properties.account,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
for(const key1 in data1){
if(!((key1 === "id") || (key1 === "allocationBudgetSeconds"))){
const err7 = {instancePath:instancePath+"/account",schemaPath:"#/properties/account/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.account,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data1.id !== undefined){
let data2 = data1.id;
if(typeof data2 === "string"){
if(!pattern4.test(data2)){
const err8 = {instancePath:instancePath+"/account/id",schemaPath:"#/properties/account/properties/id/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{32}$"},message:"must match pattern \""+"^[0-9a-f]{32}$"+"\"",schema:"^[0-9a-f]{32}$",parentSchema:schema31.properties.account.properties.id,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/account/id",schemaPath:"#/properties/account/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.account.properties.id.type,parentSchema:schema31.properties.account.properties.id,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data1.allocationBudgetSeconds !== undefined){
let data3 = data1.allocationBudgetSeconds;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err10 = {instancePath:instancePath+"/account/allocationBudgetSeconds",schemaPath:"#/properties/account/properties/allocationBudgetSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.account.properties.allocationBudgetSeconds.type,parentSchema:schema31.properties.account.properties.allocationBudgetSeconds,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 0 || isNaN(data3)){
const err11 = {instancePath:instancePath+"/account/allocationBudgetSeconds",schemaPath:"#/properties/account/properties/allocationBudgetSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema31.properties.account.properties.allocationBudgetSeconds,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
}
else {
const err12 = {instancePath:instancePath+"/account",schemaPath:"#/properties/account/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.account.type,parentSchema:schema31.properties.account,data:data1};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.naming !== undefined){
let data4 = data.naming;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key2 in data4){
if(!(key2 === "prefix")){
const err13 = {instancePath:instancePath+"/naming",schemaPath:"#/properties/naming/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.naming,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data4.prefix !== undefined){
let data5 = data4.prefix;
if(typeof data5 !== "string"){
const err14 = {instancePath:instancePath+"/naming/prefix",schemaPath:"#/properties/naming/properties/prefix/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.naming.properties.prefix.type,parentSchema:schema31.properties.naming.properties.prefix,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/naming",schemaPath:"#/properties/naming/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.naming.type,parentSchema:schema31.properties.naming,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.identityProvider !== undefined){
let data6 = data.identityProvider;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(data6.realm === undefined){
const err16 = {instancePath:instancePath+"/identityProvider",schemaPath:"#/properties/identityProvider/required",keyword:"required",params:{missingProperty: "realm"},message:"must have required property '"+"realm"+"'",schema:schema31.properties.identityProvider.required,parentSchema:schema31.properties.identityProvider,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
for(const key3 in data6){
if(!(((key3 === "realm") || (key3 === "claim")) || (key3 === "sessionHours"))){
const err17 = {instancePath:instancePath+"/identityProvider",schemaPath:"#/properties/identityProvider/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.identityProvider,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data6.realm !== undefined){
let data7 = data6.realm;
if(typeof data7 === "string"){
if(func2(data7) < 1){
const err18 = {instancePath:instancePath+"/identityProvider/realm",schemaPath:"#/properties/identityProvider/properties/realm/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.identityProvider.properties.realm,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/identityProvider/realm",schemaPath:"#/properties/identityProvider/properties/realm/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.identityProvider.properties.realm.type,parentSchema:schema31.properties.identityProvider.properties.realm,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data6.claim !== undefined){
let data8 = data6.claim;
if(typeof data8 === "string"){
if(func2(data8) < 1){
const err20 = {instancePath:instancePath+"/identityProvider/claim",schemaPath:"#/properties/identityProvider/properties/claim/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.identityProvider.properties.claim,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/identityProvider/claim",schemaPath:"#/properties/identityProvider/properties/claim/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.identityProvider.properties.claim.type,parentSchema:schema31.properties.identityProvider.properties.claim,data:data8};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data6.sessionHours !== undefined){
let data9 = data6.sessionHours;
if(!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))){
const err22 = {instancePath:instancePath+"/identityProvider/sessionHours",schemaPath:"#/properties/identityProvider/properties/sessionHours/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.identityProvider.properties.sessionHours.type,parentSchema:schema31.properties.identityProvider.properties.sessionHours,data:data9};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath:instancePath+"/identityProvider",schemaPath:"#/properties/identityProvider/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.identityProvider.type,parentSchema:schema31.properties.identityProvider,data:data6};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data.roles !== undefined){
let data10 = data.roles;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
if(data10.reader === undefined){
const err24 = {instancePath:instancePath+"/roles",schemaPath:"#/properties/roles/required",keyword:"required",params:{missingProperty: "reader"},message:"must have required property '"+"reader"+"'",schema:schema31.properties.roles.required,parentSchema:schema31.properties.roles,data:data10};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(data10.writer === undefined){
const err25 = {instancePath:instancePath+"/roles",schemaPath:"#/properties/roles/required",keyword:"required",params:{missingProperty: "writer"},message:"must have required property '"+"writer"+"'",schema:schema31.properties.roles.required,parentSchema:schema31.properties.roles,data:data10};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
for(const key4 in data10){
if(!((key4 === "reader") || (key4 === "writer"))){
const err26 = {instancePath:instancePath+"/roles",schemaPath:"#/properties/roles/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.roles,data:data10};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data10.reader !== undefined){
let data11 = data10.reader;
if(data11 && typeof data11 == "object" && !Array.isArray(data11)){
if(data11.name === undefined){
const err27 = {instancePath:instancePath+"/roles/reader",schemaPath:"#/$defs/role/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema32.required,parentSchema:schema32,data:data11};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if(data11.actions === undefined){
const err28 = {instancePath:instancePath+"/roles/reader",schemaPath:"#/$defs/role/required",keyword:"required",params:{missingProperty: "actions"},message:"must have required property '"+"actions"+"'",schema:schema32.required,parentSchema:schema32,data:data11};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
for(const key5 in data11){
if(!((((key5 === "name") || (key5 === "displayName")) || (key5 === "description")) || (key5 === "actions"))){
const err29 = {instancePath:instancePath+"/roles/reader",schemaPath:"#/$defs/role/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema32,data:data11};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data11.name !== undefined){
let data12 = data11.name;
if(typeof data12 === "string"){
if(func2(data12) < 1){
const err30 = {instancePath:instancePath+"/roles/reader/name",schemaPath:"#/$defs/role/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32.properties.name,data:data12};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/roles/reader/name",schemaPath:"#/$defs/role/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.name.type,parentSchema:schema32.properties.name,data:data12};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data11.displayName !== undefined){
let data13 = data11.displayName;
if(typeof data13 === "string"){
if(func2(data13) < 1){
const err32 = {instancePath:instancePath+"/roles/reader/displayName",schemaPath:"#/$defs/role/properties/displayName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32.properties.displayName,data:data13};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
else {
const err33 = {instancePath:instancePath+"/roles/reader/displayName",schemaPath:"#/$defs/role/properties/displayName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.displayName.type,parentSchema:schema32.properties.displayName,data:data13};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data11.description !== undefined){
let data14 = data11.description;
if(typeof data14 !== "string"){
const err34 = {instancePath:instancePath+"/roles/reader/description",schemaPath:"#/$defs/role/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.description.type,parentSchema:schema32.properties.description,data:data14};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data11.actions !== undefined){
let data15 = data11.actions;
if(Array.isArray(data15)){
if(data15.length < 1){
const err35 = {instancePath:instancePath+"/roles/reader/actions",schemaPath:"#/$defs/role/properties/actions/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema32.properties.actions,data:data15};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
const len0 = data15.length;
for(let i0=0; i0<len0; i0++){
let data16 = data15[i0];
if(typeof data16 === "string"){
if(!pattern5.test(data16)){
const err36 = {instancePath:instancePath+"/roles/reader/actions/" + i0,schemaPath:"#/$defs/role/properties/actions/items/pattern",keyword:"pattern",params:{pattern: "^quantum-computing\\."},message:"must match pattern \""+"^quantum-computing\\."+"\"",schema:"^quantum-computing\\.",parentSchema:schema32.properties.actions.items,data:data16};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
else {
const err37 = {instancePath:instancePath+"/roles/reader/actions/" + i0,schemaPath:"#/$defs/role/properties/actions/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.actions.items.type,parentSchema:schema32.properties.actions.items,data:data16};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
let i1 = data15.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data15[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err38 = {instancePath:instancePath+"/roles/reader/actions",schemaPath:"#/$defs/role/properties/actions/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema32.properties.actions,data:data15};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err39 = {instancePath:instancePath+"/roles/reader/actions",schemaPath:"#/$defs/role/properties/actions/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema32.properties.actions.type,parentSchema:schema32.properties.actions,data:data15};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
}
else {
const err40 = {instancePath:instancePath+"/roles/reader",schemaPath:"#/$defs/role/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.type,parentSchema:schema32,data:data11};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data10.writer !== undefined){
let data17 = data10.writer;
if(data17 && typeof data17 == "object" && !Array.isArray(data17)){
if(data17.name === undefined){
const err41 = {instancePath:instancePath+"/roles/writer",schemaPath:"#/$defs/role/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema32.required,parentSchema:schema32,data:data17};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if(data17.actions === undefined){
const err42 = {instancePath:instancePath+"/roles/writer",schemaPath:"#/$defs/role/required",keyword:"required",params:{missingProperty: "actions"},message:"must have required property '"+"actions"+"'",schema:schema32.required,parentSchema:schema32,data:data17};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
for(const key6 in data17){
if(!((((key6 === "name") || (key6 === "displayName")) || (key6 === "description")) || (key6 === "actions"))){
const err43 = {instancePath:instancePath+"/roles/writer",schemaPath:"#/$defs/role/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema32,data:data17};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data17.name !== undefined){
let data18 = data17.name;
if(typeof data18 === "string"){
if(func2(data18) < 1){
const err44 = {instancePath:instancePath+"/roles/writer/name",schemaPath:"#/$defs/role/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32.properties.name,data:data18};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
else {
const err45 = {instancePath:instancePath+"/roles/writer/name",schemaPath:"#/$defs/role/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.name.type,parentSchema:schema32.properties.name,data:data18};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data17.displayName !== undefined){
let data19 = data17.displayName;
if(typeof data19 === "string"){
if(func2(data19) < 1){
const err46 = {instancePath:instancePath+"/roles/writer/displayName",schemaPath:"#/$defs/role/properties/displayName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32.properties.displayName,data:data19};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
else {
const err47 = {instancePath:instancePath+"/roles/writer/displayName",schemaPath:"#/$defs/role/properties/displayName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.displayName.type,parentSchema:schema32.properties.displayName,data:data19};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data17.description !== undefined){
let data20 = data17.description;
if(typeof data20 !== "string"){
const err48 = {instancePath:instancePath+"/roles/writer/description",schemaPath:"#/$defs/role/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.description.type,parentSchema:schema32.properties.description,data:data20};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data17.actions !== undefined){
let data21 = data17.actions;
if(Array.isArray(data21)){
if(data21.length < 1){
const err49 = {instancePath:instancePath+"/roles/writer/actions",schemaPath:"#/$defs/role/properties/actions/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema32.properties.actions,data:data21};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
const len1 = data21.length;
for(let i2=0; i2<len1; i2++){
let data22 = data21[i2];
if(typeof data22 === "string"){
if(!pattern5.test(data22)){
const err50 = {instancePath:instancePath+"/roles/writer/actions/" + i2,schemaPath:"#/$defs/role/properties/actions/items/pattern",keyword:"pattern",params:{pattern: "^quantum-computing\\."},message:"must match pattern \""+"^quantum-computing\\."+"\"",schema:"^quantum-computing\\.",parentSchema:schema32.properties.actions.items,data:data22};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
else {
const err51 = {instancePath:instancePath+"/roles/writer/actions/" + i2,schemaPath:"#/$defs/role/properties/actions/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.actions.items.type,parentSchema:schema32.properties.actions.items,data:data22};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
let i3 = data21.length;
let j1;
if(i3 > 1){
const indices1 = {};
for(;i3--;){
let item1 = data21[i3];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j1 = indices1[item1];
const err52 = {instancePath:instancePath+"/roles/writer/actions",schemaPath:"#/$defs/role/properties/actions/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)",schema:true,parentSchema:schema32.properties.actions,data:data21};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
break;
}
indices1[item1] = i3;
}
}
}
else {
const err53 = {instancePath:instancePath+"/roles/writer/actions",schemaPath:"#/$defs/role/properties/actions/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema32.properties.actions.type,parentSchema:schema32.properties.actions,data:data21};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
}
else {
const err54 = {instancePath:instancePath+"/roles/writer",schemaPath:"#/$defs/role/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.type,parentSchema:schema32,data:data17};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
}
else {
const err55 = {instancePath:instancePath+"/roles",schemaPath:"#/properties/roles/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.roles.type,parentSchema:schema31.properties.roles,data:data10};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data.defaults !== undefined){
let data23 = data.defaults;
if(data23 && typeof data23 == "object" && !Array.isArray(data23)){
for(const key7 in data23){
if(!((((key7 === "region") || (key7 === "plan")) || (key7 === "scope")) || (key7 === "resourceGroup"))){
const err56 = {instancePath:instancePath+"/defaults",schemaPath:"#/properties/defaults/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.defaults,data:data23};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
if(data23.region !== undefined){
let data24 = data23.region;
if(typeof data24 !== "string"){
const err57 = {instancePath:instancePath+"/defaults/region",schemaPath:"#/$defs/region/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data24};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
if(!((data24 === "us-east") || (data24 === "eu-de"))){
const err58 = {instancePath:instancePath+"/defaults/region",schemaPath:"#/$defs/region/enum",keyword:"enum",params:{allowedValues: schema34.enum},message:"must be equal to one of the allowed values",schema:schema34.enum,parentSchema:schema34,data:data24};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
if(data23.plan !== undefined){
let data25 = data23.plan;
if(typeof data25 === "string"){
if(func2(data25) < 1){
const err59 = {instancePath:instancePath+"/defaults/plan",schemaPath:"#/$defs/plan/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema35,data:data25};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
else {
const err60 = {instancePath:instancePath+"/defaults/plan",schemaPath:"#/$defs/plan/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data25};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
if(data23.scope !== undefined){
let data26 = data23.scope;
if(typeof data26 !== "string"){
const err61 = {instancePath:instancePath+"/defaults/scope",schemaPath:"#/$defs/scope/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema36.type,parentSchema:schema36,data:data26};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
if(!((data26 === "instance") || (data26 === "resourceGroup"))){
const err62 = {instancePath:instancePath+"/defaults/scope",schemaPath:"#/$defs/scope/enum",keyword:"enum",params:{allowedValues: schema36.enum},message:"must be equal to one of the allowed values",schema:schema36.enum,parentSchema:schema36,data:data26};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
if(data23.resourceGroup !== undefined){
let data27 = data23.resourceGroup;
if(typeof data27 === "string"){
if(func2(data27) < 1){
const err63 = {instancePath:instancePath+"/defaults/resourceGroup",schemaPath:"#/$defs/resourceGroup/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema37,data:data27};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
else {
const err64 = {instancePath:instancePath+"/defaults/resourceGroup",schemaPath:"#/$defs/resourceGroup/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.type,parentSchema:schema37,data:data27};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
}
else {
const err65 = {instancePath:instancePath+"/defaults",schemaPath:"#/properties/defaults/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.defaults.type,parentSchema:schema31.properties.defaults,data:data23};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
if(data.instances !== undefined){
let data28 = data.instances;
if(data28 && typeof data28 == "object" && !Array.isArray(data28)){
for(const key8 in data28){
const _errs72 = errors;
if(typeof key8 === "string"){
if(func2(key8) < 1){
const err66 = {instancePath:instancePath+"/instances",schemaPath:"#/properties/instances/propertyNames/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.instances.propertyNames,data:key8,propertyName:key8};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
var valid20 = _errs72 === errors;
if(!valid20){
const err67 = {instancePath:instancePath+"/instances",schemaPath:"#/properties/instances/propertyNames",keyword:"propertyNames",params:{propertyName: key8},message:"property name must be valid",schema:schema31.properties.instances.propertyNames,parentSchema:schema31.properties.instances,data:data28};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
for(const key9 in data28){
if(!(validate21(data28[key9], {instancePath:instancePath+"/instances/" + key9.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data28,parentDataProperty:key9,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
}
else {
const err68 = {instancePath:instancePath+"/instances",schemaPath:"#/properties/instances/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.instances.type,parentSchema:schema31.properties.instances,data:data28};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
if(data.projects !== undefined){
let data30 = data.projects;
if(data30 && typeof data30 == "object" && !Array.isArray(data30)){
for(const key10 in data30){
const _errs77 = errors;
if(typeof key10 === "string"){
if(func2(key10) < 1){
const err69 = {instancePath:instancePath+"/projects",schemaPath:"#/properties/projects/propertyNames/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.projects.propertyNames,data:key10,propertyName:key10};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
var valid22 = _errs77 === errors;
if(!valid22){
const err70 = {instancePath:instancePath+"/projects",schemaPath:"#/properties/projects/propertyNames",keyword:"propertyNames",params:{propertyName: key10},message:"property name must be valid",schema:schema31.properties.projects.propertyNames,parentSchema:schema31.properties.projects,data:data30};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
for(const key11 in data30){
if(!(validate27(data30[key11], {instancePath:instancePath+"/projects/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data30,parentDataProperty:key11,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate27.errors : vErrors.concat(validate27.errors);
errors = vErrors.length;
}
}
}
else {
const err71 = {instancePath:instancePath+"/projects",schemaPath:"#/properties/projects/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.projects.type,parentSchema:schema31.properties.projects,data:data30};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
if(data.groups !== undefined){
let data32 = data.groups;
if(data32 && typeof data32 == "object" && !Array.isArray(data32)){
for(const key12 in data32){
const _errs82 = errors;
if(typeof key12 === "string"){
if(func2(key12) < 1){
const err72 = {instancePath:instancePath+"/groups",schemaPath:"#/properties/groups/propertyNames/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.groups.propertyNames,data:key12,propertyName:key12};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
var valid24 = _errs82 === errors;
if(!valid24){
const err73 = {instancePath:instancePath+"/groups",schemaPath:"#/properties/groups/propertyNames",keyword:"propertyNames",params:{propertyName: key12},message:"property name must be valid",schema:schema31.properties.groups.propertyNames,parentSchema:schema31.properties.groups,data:data32};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
for(const key13 in data32){
if(!(validate34(data32[key13], {instancePath:instancePath+"/groups/" + key13.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data32,parentDataProperty:key13,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
errors = vErrors.length;
}
}
}
else {
const err74 = {instancePath:instancePath+"/groups",schemaPath:"#/properties/groups/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.groups.type,parentSchema:schema31.properties.groups,data:data32};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
if(data.protected !== undefined){
let data34 = data.protected;
if(Array.isArray(data34)){
const len2 = data34.length;
for(let i4=0; i4<len2; i4++){
let data35 = data34[i4];
if(typeof data35 === "string"){
if(func2(data35) < 1){
const err75 = {instancePath:instancePath+"/protected/" + i4,schemaPath:"#/properties/protected/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.protected.items,data:data35};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
else {
const err76 = {instancePath:instancePath+"/protected/" + i4,schemaPath:"#/properties/protected/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.protected.items.type,parentSchema:schema31.properties.protected.items,data:data35};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
}
else {
const err77 = {instancePath:instancePath+"/protected",schemaPath:"#/properties/protected/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.protected.type,parentSchema:schema31.properties.protected,data:data34};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
if(data.removalBudget !== undefined){
let data36 = data.removalBudget;
if((typeof data36 == "number") && (isFinite(data36))){
if(data36 > 1 || isNaN(data36)){
const err78 = {instancePath:instancePath+"/removalBudget",schemaPath:"#/properties/removalBudget/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1},message:"must be <= 1",schema:1,parentSchema:schema31.properties.removalBudget,data:data36};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
if(data36 < 0 || isNaN(data36)){
const err79 = {instancePath:instancePath+"/removalBudget",schemaPath:"#/properties/removalBudget/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema31.properties.removalBudget,data:data36};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
else {
const err80 = {instancePath:instancePath+"/removalBudget",schemaPath:"#/properties/removalBudget/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema31.properties.removalBudget.type,parentSchema:schema31.properties.removalBudget,data:data36};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
if(data.maxTemporaryDays !== undefined){
let data37 = data.maxTemporaryDays;
if(!(((typeof data37 == "number") && (!(data37 % 1) && !isNaN(data37))) && (isFinite(data37)))){
const err81 = {instancePath:instancePath+"/maxTemporaryDays",schemaPath:"#/properties/maxTemporaryDays/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.maxTemporaryDays.type,parentSchema:schema31.properties.maxTemporaryDays,data:data37};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
if((typeof data37 == "number") && (isFinite(data37))){
if(data37 < 1 || isNaN(data37)){
const err82 = {instancePath:instancePath+"/maxTemporaryDays",schemaPath:"#/properties/maxTemporaryDays/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.maxTemporaryDays,data:data37};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
}
}
if(data.requireApproval !== undefined){
let data38 = data.requireApproval;
if(typeof data38 !== "boolean"){
const err83 = {instancePath:instancePath+"/requireApproval",schemaPath:"#/properties/requireApproval/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema31.properties.requireApproval.type,parentSchema:schema31.properties.requireApproval,data:data38};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
if(data.accountSettings !== undefined){
let data39 = data.accountSettings;
if(data39 && typeof data39 == "object" && !Array.isArray(data39)){
for(const key14 in data39){
if(!(((((((key14 === "restrictCreateApiKey") || (key14 === "restrictCreateServiceId")) || (key14 === "mfa")) || (key14 === "sessionExpirationSeconds")) || (key14 === "sessionInactivitySeconds")) || (key14 === "restrictUserListVisibility")) || (key14 === "publicAccessGroup"))){
const err84 = {instancePath:instancePath+"/accountSettings",schemaPath:"#/properties/accountSettings/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key14},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.accountSettings,data:data39};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
if(data39.restrictCreateApiKey !== undefined){
let data40 = data39.restrictCreateApiKey;
if(typeof data40 !== "string"){
const err85 = {instancePath:instancePath+"/accountSettings/restrictCreateApiKey",schemaPath:"#/properties/accountSettings/properties/restrictCreateApiKey/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.accountSettings.properties.restrictCreateApiKey.type,parentSchema:schema31.properties.accountSettings.properties.restrictCreateApiKey,data:data40};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
if(!(((data40 === "RESTRICTED") || (data40 === "NOT_RESTRICTED")) || (data40 === "NOT_SET"))){
const err86 = {instancePath:instancePath+"/accountSettings/restrictCreateApiKey",schemaPath:"#/properties/accountSettings/properties/restrictCreateApiKey/enum",keyword:"enum",params:{allowedValues: schema31.properties.accountSettings.properties.restrictCreateApiKey.enum},message:"must be equal to one of the allowed values",schema:schema31.properties.accountSettings.properties.restrictCreateApiKey.enum,parentSchema:schema31.properties.accountSettings.properties.restrictCreateApiKey,data:data40};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
if(data39.restrictCreateServiceId !== undefined){
let data41 = data39.restrictCreateServiceId;
if(typeof data41 !== "string"){
const err87 = {instancePath:instancePath+"/accountSettings/restrictCreateServiceId",schemaPath:"#/properties/accountSettings/properties/restrictCreateServiceId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.accountSettings.properties.restrictCreateServiceId.type,parentSchema:schema31.properties.accountSettings.properties.restrictCreateServiceId,data:data41};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
if(!(((data41 === "RESTRICTED") || (data41 === "NOT_RESTRICTED")) || (data41 === "NOT_SET"))){
const err88 = {instancePath:instancePath+"/accountSettings/restrictCreateServiceId",schemaPath:"#/properties/accountSettings/properties/restrictCreateServiceId/enum",keyword:"enum",params:{allowedValues: schema31.properties.accountSettings.properties.restrictCreateServiceId.enum},message:"must be equal to one of the allowed values",schema:schema31.properties.accountSettings.properties.restrictCreateServiceId.enum,parentSchema:schema31.properties.accountSettings.properties.restrictCreateServiceId,data:data41};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
}
if(data39.mfa !== undefined){
let data42 = data39.mfa;
if(typeof data42 !== "string"){
const err89 = {instancePath:instancePath+"/accountSettings/mfa",schemaPath:"#/properties/accountSettings/properties/mfa/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.accountSettings.properties.mfa.type,parentSchema:schema31.properties.accountSettings.properties.mfa,data:data42};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
if(!(((((((data42 === "NONE") || (data42 === "NONE_NO_ROPC")) || (data42 === "TOTP")) || (data42 === "TOTP4ALL")) || (data42 === "LEVEL1")) || (data42 === "LEVEL2")) || (data42 === "LEVEL3"))){
const err90 = {instancePath:instancePath+"/accountSettings/mfa",schemaPath:"#/properties/accountSettings/properties/mfa/enum",keyword:"enum",params:{allowedValues: schema31.properties.accountSettings.properties.mfa.enum},message:"must be equal to one of the allowed values",schema:schema31.properties.accountSettings.properties.mfa.enum,parentSchema:schema31.properties.accountSettings.properties.mfa,data:data42};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
if(data39.sessionExpirationSeconds !== undefined){
let data43 = data39.sessionExpirationSeconds;
const _errs105 = errors;
let valid29 = false;
let passing0 = null;
const _errs106 = errors;
if(!(((typeof data43 == "number") && (!(data43 % 1) && !isNaN(data43))) && (isFinite(data43)))){
const err91 = {instancePath:instancePath+"/accountSettings/sessionExpirationSeconds",schemaPath:"#/properties/accountSettings/properties/sessionExpirationSeconds/oneOf/0/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.accountSettings.properties.sessionExpirationSeconds.oneOf[0].type,parentSchema:schema31.properties.accountSettings.properties.sessionExpirationSeconds.oneOf[0],data:data43};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
if((typeof data43 == "number") && (isFinite(data43))){
if(data43 > 86400 || isNaN(data43)){
const err92 = {instancePath:instancePath+"/accountSettings/sessionExpirationSeconds",schemaPath:"#/properties/accountSettings/properties/sessionExpirationSeconds/oneOf/0/maximum",keyword:"maximum",params:{comparison: "<=", limit: 86400},message:"must be <= 86400",schema:86400,parentSchema:schema31.properties.accountSettings.properties.sessionExpirationSeconds.oneOf[0],data:data43};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
if(data43 < 900 || isNaN(data43)){
const err93 = {instancePath:instancePath+"/accountSettings/sessionExpirationSeconds",schemaPath:"#/properties/accountSettings/properties/sessionExpirationSeconds/oneOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 900},message:"must be >= 900",schema:900,parentSchema:schema31.properties.accountSettings.properties.sessionExpirationSeconds.oneOf[0],data:data43};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
var _valid0 = _errs106 === errors;
if(_valid0){
valid29 = true;
passing0 = 0;
}
const _errs108 = errors;
if(typeof data43 !== "string"){
const err94 = {instancePath:instancePath+"/accountSettings/sessionExpirationSeconds",schemaPath:"#/properties/accountSettings/properties/sessionExpirationSeconds/oneOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.accountSettings.properties.sessionExpirationSeconds.oneOf[1].type,parentSchema:schema31.properties.accountSettings.properties.sessionExpirationSeconds.oneOf[1],data:data43};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
if(!(data43 === "NOT_SET")){
const err95 = {instancePath:instancePath+"/accountSettings/sessionExpirationSeconds",schemaPath:"#/properties/accountSettings/properties/sessionExpirationSeconds/oneOf/1/enum",keyword:"enum",params:{allowedValues: schema31.properties.accountSettings.properties.sessionExpirationSeconds.oneOf[1].enum},message:"must be equal to one of the allowed values",schema:schema31.properties.accountSettings.properties.sessionExpirationSeconds.oneOf[1].enum,parentSchema:schema31.properties.accountSettings.properties.sessionExpirationSeconds.oneOf[1],data:data43};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
var _valid0 = _errs108 === errors;
if(_valid0 && valid29){
valid29 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid29 = true;
passing0 = 1;
}
}
if(!valid29){
const err96 = {instancePath:instancePath+"/accountSettings/sessionExpirationSeconds",schemaPath:"#/properties/accountSettings/properties/sessionExpirationSeconds/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema31.properties.accountSettings.properties.sessionExpirationSeconds.oneOf,parentSchema:schema31.properties.accountSettings.properties.sessionExpirationSeconds,data:data43};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
else {
errors = _errs105;
if(vErrors !== null){
if(_errs105){
vErrors.length = _errs105;
}
else {
vErrors = null;
}
}
}
}
if(data39.sessionInactivitySeconds !== undefined){
let data44 = data39.sessionInactivitySeconds;
const _errs111 = errors;
let valid30 = false;
let passing1 = null;
const _errs112 = errors;
if(!(((typeof data44 == "number") && (!(data44 % 1) && !isNaN(data44))) && (isFinite(data44)))){
const err97 = {instancePath:instancePath+"/accountSettings/sessionInactivitySeconds",schemaPath:"#/properties/accountSettings/properties/sessionInactivitySeconds/oneOf/0/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.accountSettings.properties.sessionInactivitySeconds.oneOf[0].type,parentSchema:schema31.properties.accountSettings.properties.sessionInactivitySeconds.oneOf[0],data:data44};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
if((typeof data44 == "number") && (isFinite(data44))){
if(data44 > 7200 || isNaN(data44)){
const err98 = {instancePath:instancePath+"/accountSettings/sessionInactivitySeconds",schemaPath:"#/properties/accountSettings/properties/sessionInactivitySeconds/oneOf/0/maximum",keyword:"maximum",params:{comparison: "<=", limit: 7200},message:"must be <= 7200",schema:7200,parentSchema:schema31.properties.accountSettings.properties.sessionInactivitySeconds.oneOf[0],data:data44};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
if(data44 < 900 || isNaN(data44)){
const err99 = {instancePath:instancePath+"/accountSettings/sessionInactivitySeconds",schemaPath:"#/properties/accountSettings/properties/sessionInactivitySeconds/oneOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 900},message:"must be >= 900",schema:900,parentSchema:schema31.properties.accountSettings.properties.sessionInactivitySeconds.oneOf[0],data:data44};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
}
var _valid1 = _errs112 === errors;
if(_valid1){
valid30 = true;
passing1 = 0;
}
const _errs114 = errors;
if(typeof data44 !== "string"){
const err100 = {instancePath:instancePath+"/accountSettings/sessionInactivitySeconds",schemaPath:"#/properties/accountSettings/properties/sessionInactivitySeconds/oneOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.accountSettings.properties.sessionInactivitySeconds.oneOf[1].type,parentSchema:schema31.properties.accountSettings.properties.sessionInactivitySeconds.oneOf[1],data:data44};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
if(!(data44 === "NOT_SET")){
const err101 = {instancePath:instancePath+"/accountSettings/sessionInactivitySeconds",schemaPath:"#/properties/accountSettings/properties/sessionInactivitySeconds/oneOf/1/enum",keyword:"enum",params:{allowedValues: schema31.properties.accountSettings.properties.sessionInactivitySeconds.oneOf[1].enum},message:"must be equal to one of the allowed values",schema:schema31.properties.accountSettings.properties.sessionInactivitySeconds.oneOf[1].enum,parentSchema:schema31.properties.accountSettings.properties.sessionInactivitySeconds.oneOf[1],data:data44};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
var _valid1 = _errs114 === errors;
if(_valid1 && valid30){
valid30 = false;
passing1 = [passing1, 1];
}
else {
if(_valid1){
valid30 = true;
passing1 = 1;
}
}
if(!valid30){
const err102 = {instancePath:instancePath+"/accountSettings/sessionInactivitySeconds",schemaPath:"#/properties/accountSettings/properties/sessionInactivitySeconds/oneOf",keyword:"oneOf",params:{passingSchemas: passing1},message:"must match exactly one schema in oneOf",schema:schema31.properties.accountSettings.properties.sessionInactivitySeconds.oneOf,parentSchema:schema31.properties.accountSettings.properties.sessionInactivitySeconds,data:data44};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
else {
errors = _errs111;
if(vErrors !== null){
if(_errs111){
vErrors.length = _errs111;
}
else {
vErrors = null;
}
}
}
}
if(data39.restrictUserListVisibility !== undefined){
let data45 = data39.restrictUserListVisibility;
if(typeof data45 !== "boolean"){
const err103 = {instancePath:instancePath+"/accountSettings/restrictUserListVisibility",schemaPath:"#/properties/accountSettings/properties/restrictUserListVisibility/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema31.properties.accountSettings.properties.restrictUserListVisibility.type,parentSchema:schema31.properties.accountSettings.properties.restrictUserListVisibility,data:data45};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
}
if(data39.publicAccessGroup !== undefined){
let data46 = data39.publicAccessGroup;
if(typeof data46 !== "boolean"){
const err104 = {instancePath:instancePath+"/accountSettings/publicAccessGroup",schemaPath:"#/properties/accountSettings/properties/publicAccessGroup/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema31.properties.accountSettings.properties.publicAccessGroup.type,parentSchema:schema31.properties.accountSettings.properties.publicAccessGroup,data:data46};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
}
}
else {
const err105 = {instancePath:instancePath+"/accountSettings",schemaPath:"#/properties/accountSettings/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.accountSettings.type,parentSchema:schema31.properties.accountSettings,data:data39};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
}
if(data.audit !== undefined){
let data47 = data.audit;
if(data47 && typeof data47 == "object" && !Array.isArray(data47)){
if(data47.regions === undefined){
const err106 = {instancePath:instancePath+"/audit",schemaPath:"#/properties/audit/required",keyword:"required",params:{missingProperty: "regions"},message:"must have required property '"+"regions"+"'",schema:schema31.properties.audit.required,parentSchema:schema31.properties.audit,data:data47};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
for(const key15 in data47){
if(!((((key15 === "regions") || (key15 === "plan")) || (key15 === "namePrefix")) || (key15 === "resourceGroup"))){
const err107 = {instancePath:instancePath+"/audit",schemaPath:"#/properties/audit/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key15},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.audit,data:data47};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
}
if(data47.regions !== undefined){
let data48 = data47.regions;
const _errs124 = errors;
let valid32 = false;
let passing2 = null;
const _errs125 = errors;
if(typeof data48 !== "string"){
const err108 = {instancePath:instancePath+"/audit/regions",schemaPath:"#/properties/audit/properties/regions/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.audit.properties.regions.oneOf[0].type,parentSchema:schema31.properties.audit.properties.regions.oneOf[0],data:data48};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
if(!(data48 === "auto")){
const err109 = {instancePath:instancePath+"/audit/regions",schemaPath:"#/properties/audit/properties/regions/oneOf/0/enum",keyword:"enum",params:{allowedValues: schema31.properties.audit.properties.regions.oneOf[0].enum},message:"must be equal to one of the allowed values",schema:schema31.properties.audit.properties.regions.oneOf[0].enum,parentSchema:schema31.properties.audit.properties.regions.oneOf[0],data:data48};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
var _valid2 = _errs125 === errors;
if(_valid2){
valid32 = true;
passing2 = 0;
}
const _errs127 = errors;
if(Array.isArray(data48)){
const len3 = data48.length;
for(let i5=0; i5<len3; i5++){
let data49 = data48[i5];
if(typeof data49 !== "string"){
const err110 = {instancePath:instancePath+"/audit/regions/" + i5,schemaPath:"#/$defs/region/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data49};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
if(!((data49 === "us-east") || (data49 === "eu-de"))){
const err111 = {instancePath:instancePath+"/audit/regions/" + i5,schemaPath:"#/$defs/region/enum",keyword:"enum",params:{allowedValues: schema34.enum},message:"must be equal to one of the allowed values",schema:schema34.enum,parentSchema:schema34,data:data49};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
}
}
let i6 = data48.length;
let j2;
if(i6 > 1){
outer0:
for(;i6--;){
for(j2 = i6; j2--;){
if(func0(data48[i6], data48[j2])){
const err112 = {instancePath:instancePath+"/audit/regions",schemaPath:"#/properties/audit/properties/regions/oneOf/1/uniqueItems",keyword:"uniqueItems",params:{i: i6, j: j2},message:"must NOT have duplicate items (items ## "+j2+" and "+i6+" are identical)",schema:true,parentSchema:schema31.properties.audit.properties.regions.oneOf[1],data:data48};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err113 = {instancePath:instancePath+"/audit/regions",schemaPath:"#/properties/audit/properties/regions/oneOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.audit.properties.regions.oneOf[1].type,parentSchema:schema31.properties.audit.properties.regions.oneOf[1],data:data48};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
var _valid2 = _errs127 === errors;
if(_valid2 && valid32){
valid32 = false;
passing2 = [passing2, 1];
}
else {
if(_valid2){
valid32 = true;
passing2 = 1;
}
}
if(!valid32){
const err114 = {instancePath:instancePath+"/audit/regions",schemaPath:"#/properties/audit/properties/regions/oneOf",keyword:"oneOf",params:{passingSchemas: passing2},message:"must match exactly one schema in oneOf",schema:schema31.properties.audit.properties.regions.oneOf,parentSchema:schema31.properties.audit.properties.regions,data:data48};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
else {
errors = _errs124;
if(vErrors !== null){
if(_errs124){
vErrors.length = _errs124;
}
else {
vErrors = null;
}
}
}
}
if(data47.plan !== undefined){
let data50 = data47.plan;
if(typeof data50 === "string"){
if(func2(data50) < 1){
const err115 = {instancePath:instancePath+"/audit/plan",schemaPath:"#/properties/audit/properties/plan/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.audit.properties.plan,data:data50};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
}
else {
const err116 = {instancePath:instancePath+"/audit/plan",schemaPath:"#/properties/audit/properties/plan/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.audit.properties.plan.type,parentSchema:schema31.properties.audit.properties.plan,data:data50};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
}
if(data47.namePrefix !== undefined){
let data51 = data47.namePrefix;
if(typeof data51 === "string"){
if(!pattern8.test(data51)){
const err117 = {instancePath:instancePath+"/audit/namePrefix",schemaPath:"#/properties/audit/properties/namePrefix/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9 _.-]{0,60}$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9 _.-]{0,60}$"+"\"",schema:"^[A-Za-z0-9][A-Za-z0-9 _.-]{0,60}$",parentSchema:schema31.properties.audit.properties.namePrefix,data:data51};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
}
else {
const err118 = {instancePath:instancePath+"/audit/namePrefix",schemaPath:"#/properties/audit/properties/namePrefix/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.audit.properties.namePrefix.type,parentSchema:schema31.properties.audit.properties.namePrefix,data:data51};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
}
if(data47.resourceGroup !== undefined){
let data52 = data47.resourceGroup;
if(typeof data52 === "string"){
if(func2(data52) < 1){
const err119 = {instancePath:instancePath+"/audit/resourceGroup",schemaPath:"#/$defs/resourceGroup/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema37,data:data52};
if(vErrors === null){
vErrors = [err119];
}
else {
vErrors.push(err119);
}
errors++;
}
}
else {
const err120 = {instancePath:instancePath+"/audit/resourceGroup",schemaPath:"#/$defs/resourceGroup/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.type,parentSchema:schema37,data:data52};
if(vErrors === null){
vErrors = [err120];
}
else {
vErrors.push(err120);
}
errors++;
}
}
}
else {
const err121 = {instancePath:instancePath+"/audit",schemaPath:"#/properties/audit/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.audit.type,parentSchema:schema31.properties.audit,data:data47};
if(vErrors === null){
vErrors = [err121];
}
else {
vErrors.push(err121);
}
errors++;
}
}
if(data.assertions !== undefined){
let data53 = data.assertions;
if(Array.isArray(data53)){
const len4 = data53.length;
for(let i7=0; i7<len4; i7++){
if(!(validate38(data53[i7], {instancePath:instancePath+"/assertions/" + i7,parentData:data53,parentDataProperty:i7,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate38.errors : vErrors.concat(validate38.errors);
errors = vErrors.length;
}
}
}
else {
const err122 = {instancePath:instancePath+"/assertions",schemaPath:"#/properties/assertions/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.assertions.type,parentSchema:schema31.properties.assertions,data:data53};
if(vErrors === null){
vErrors = [err122];
}
else {
vErrors.push(err122);
}
errors++;
}
}
}
else {
const err123 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.type,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err123];
}
else {
vErrors.push(err123);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};
export { validate20 as validate };
