import { describe, expect, it } from 'vitest';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './cronjob-starting-deadline.js';

const cronjob = (deadline: string) => `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: "0 3 * * *"\n${deadline}  jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: j, image: x}]}}}}\n`;

describe('cronjob-starting-deadline', () => {
  it('flags a CronJob without startingDeadlineSeconds', () => {
    expect(runRuleOn(rule, { yaml: cronjob('') })[0]).toMatchObject({ ruleId: 'cronjob-starting-deadline', refs: ['KS:cronjob-has-deadline'], line: 5 });
  });
  it('passes a deadline', () => {
    expect(runRuleOn(rule, { yaml: cronjob('  startingDeadlineSeconds: 600\n') })).toEqual([]);
  });
});
