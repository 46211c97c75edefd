import { GENERATOR } from '../version';
import { SCHEMA_VERSION, type Finding, type HuntReport, type InputSummary } from '../schema/findings';

/** Assembles the findings JSON of design.md. */
export function buildHuntReport(inputs: readonly InputSummary[], findings: readonly Finding[]): HuntReport {
  return {
    schemaVersion: SCHEMA_VERSION,
    generator: { name: GENERATOR.name, version: GENERATOR.version },
    inputs: [...inputs],
    findings: [...findings],
  };
}
