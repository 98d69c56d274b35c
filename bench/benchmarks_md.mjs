// BENCHMARKS.md is written by several benches, each owning one section (from its `## ` heading
// to the next). Rewriting one section leaves every other figure as it was.
import fs from 'node:fs';

/** Puts `section` in place of the section that starts with `heading` in `file`, or, when there
 * is none yet, before "## Comparison" (else at the end). */
export function replaceSection(file, heading, section) {
  const md = fs.readFileSync(file, 'utf8');
  const start = md.indexOf(heading);
  let out;
  if (start >= 0) {
    const next = md.indexOf('\n## ', start + 5);
    out = md.slice(0, start) + section + (next >= 0 ? md.slice(next + 1) : '');
  } else {
    const at = md.indexOf('## Comparison');
    out = at >= 0 ? md.slice(0, at) + section + '\n' + md.slice(at) : `${md}\n${section}`;
  }
  fs.writeFileSync(file, out);
}
