import { type Command } from 'commander';
import { define as defineApply } from './apply';
import { define as defineCompletion } from './completion';
import { define as defineEvidence } from './evidence';
import { define as defineExplain } from './explain';
import { define as defineExport } from './export';
import { define as defineJournal } from './journal';
import { define as definePlan } from './plan';
import { define as defineReview } from './review';
import { define as defineSandbox } from './sandbox';
import { define as defineShow } from './show';
import { define as defineTerraform } from './terraform';
import { define as defineTest } from './test';
import { define as defineValidate } from './validate';

/**
 * Every command module exports `define(program)`, which declares its flags and lazily imports its
 * implementation inside the action, so `qgov --help` loads no SDK, ajv or emulator code.
 */
export type CommandDefiner = (program: Command) => void;

/** The commands in the order `qgov --help` lists them. */
export const commandDefiners: readonly CommandDefiner[] = [
  defineValidate,
  definePlan,
  defineApply,
  defineShow,
  defineJournal,
  defineTest,
  defineExplain,
  defineExport,
  defineReview,
  defineEvidence,
  defineSandbox,
  defineTerraform,
  defineCompletion,
];
