import type { CheckResult, VerifyReport, Violation } from './types.js';

const STATUS_LABELS = { passed: 'ok  ', failed: 'FAIL', skipped: 'skip' };

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function describeViolation(violation: Violation, number: number): string[] {
  const lines = [
    `  ${number}) ${violation.check}`,
    `     request:  ${violation.request}`,
    `     pointer:  ${violation.pointer === '' ? '(the whole body)' : violation.pointer}`,
    `     expected: ${violation.expected}`,
    `     got:      ${violation.got}`,
  ];
  for (const related of violation.related ?? []) {
    lines.push(`     also:     ${related}`);
  }
  if (violation.occurrences > 1) {
    lines.push(`     seen in ${plural(violation.occurrences, 'response')}`);
  }
  return lines;
}

/**
 * Formats a report for a terminal: one line per check, then every
 * violation numbered with its check, request, pointer, expected and got.
 */
export function formatSummary(report: VerifyReport): string {
  const mode = report.allowWrites ? 'read and write checks' : 'read-only checks';
  const lines = [
    `inventory-mock verify: ${report.target}, account ${report.account}, ${mode}`,
    '',
  ];
  for (const check of report.checks) {
    const note = check.note === undefined ? '' : ` (${check.note})`;
    lines.push(`  ${STATUS_LABELS[check.status]}  ${check.name}${note}`);
  }

  const { passed, failed, skipped } = report.counts;
  lines.push(
    '',
    `${plural(report.checks.length, 'check')}: ${passed} passed, ` +
      `${failed} failed, ${skipped} skipped.`,
  );
  if (report.violations.length === 0) {
    lines.push('No violations.');
    return `${lines.join('\n')}\n`;
  }

  lines.push('', `${plural(report.violations.length, 'violation')}:`, '');
  report.violations.forEach((violation, index) => {
    lines.push(...describeViolation(violation, index + 1), '');
  });
  return `${lines.join('\n')}`;
}

/** Escapes text for XML and drops characters that XML 1.0 cannot hold. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function testcase(check: CheckResult): string {
  const group = check.name.split('.', 1)[0] ?? check.name;
  const open =
    `    <testcase name="${xml(check.name)}" ` +
    `classname="verify.${xml(group)}" time="${seconds(check.durationMs)}"`;

  if (check.status === 'skipped') {
    return `${open}>\n      <skipped message="${xml(check.note ?? '')}"/>\n    </testcase>`;
  }
  if (check.status === 'passed') return `${open}/>`;

  const first = check.violations[0];
  const message =
    check.violations.length === 1
      ? (first?.message ?? '')
      : `${plural(check.violations.length, 'violation')}; first: ${first?.message ?? ''}`;
  const body = check.violations
    .map((violation, index) =>
      [
        `${index + 1}) ${violation.request}`,
        `   pointer:  ${violation.pointer}`,
        `   expected: ${violation.expected}`,
        `   got:      ${violation.got}`,
        `   ${violation.message}`,
        ...(violation.related ?? []).map((related) => `   also: ${related}`),
      ].join('\n'),
    )
    .join('\n');
  return (
    `${open}>\n      <failure type="ContractViolation" message="${xml(message)}">` +
    `${xml(body)}</failure>\n    </testcase>`
  );
}

/** Renders a report as JUnit XML with one testcase per check. */
export function toJunitXml(report: VerifyReport): string {
  const { failed, skipped } = report.counts;
  const tests = report.checks.length;
  const time = seconds(report.durationMs);
  const suite = `inventory-mock verify ${report.account} at ${report.target}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="inventory-mock verify" tests="${tests}" ` +
      `failures="${failed}" skipped="${skipped}" errors="0" time="${time}">`,
    `  <testsuite name="${xml(suite)}" tests="${tests}" failures="${failed}" ` +
      `skipped="${skipped}" errors="0" time="${time}" ` +
      `timestamp="${xml(report.startedAt)}">`,
    ...report.checks.map(testcase),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** Renders a report as indented JSON. */
export function toJsonReport(report: VerifyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
