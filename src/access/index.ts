/**
 * qgov's evaluator of IBM's access model (docs/assertions.md): who can do what on which Qiskit instance, and
 * by which path. Pure; imports only `model/`. Never shares code with the emulator's own authorization, so
 * the two can check each other (STYLE P16).
 */
export { evaluateAssertions, labelOf, type AssertionInput, type AssertionResult, type CounterExample } from './assertions';
export { conditionStatus, type ConditionStatus } from './conditions';
export { describeGrant, describeVia, shortAction } from './describe';
export { compile, ruleAdmits, type Decision, type Evaluator, type Grant, type Principal, type Via } from './evaluate';
export { explain, type ExplainEntry, type ExplainQuery, type ExplainSubject } from './explain';
export { accessModelFromResources, customRoleId, DEFAULT_RESOURCE_GROUP, teamsOf, type SpecContext } from './from-resources';
export * from './model';
export { instanceAttributes, resourceMatches } from './resource-match';
export { parseAction, parseOn, parseWho, type ActionSelector, type OnSelector, type WhoSelector } from './selectors';
