import { csvTextRule } from './csv-bytes';
import { lineTextRule } from './line-bytes';
import type { CutConfig, TextStepRule } from './precut';

/** The text path's rule for the format `config` cuts (see precut.ts). */
export function textRuleFor(config: CutConfig): TextStepRule {
  return config.kind === 'csv' ? csvTextRule(config.delimiter, config.maxChars, config.modes.length) : lineTextRule(config.maxChars);
}
