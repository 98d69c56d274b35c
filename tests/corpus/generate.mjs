// Writes the corpus of nasty inputs that crates/domain/tests/corpus.rs feeds to every parser.
// Deterministic: run `node tests/corpus/generate.mjs` and the files come out byte for byte the same.
// The files are kept in git; this script documents how each one was made.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const write = (name, data) => fs.writeFileSync(path.join(dir, name), data);
const json = (v) => JSON.stringify(v, null, 2);
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

// A small, valid indicator set of its own, so the corpus does not depend on indicators/.
const set = {
  format: 1, id: 'korpus', version: '1',
  title: { sv: 'Korpusuppsättning', en: 'Corpus set' },
  scale: { options: [
    { key: 'helt', label: { sv: 'Uppfyller helt' }, score: 1.0 },
    { key: 'delvis', label: { sv: 'Uppfyller delvis' }, score: 0.5 },
    { key: 'inte', label: { sv: 'Uppfyller inte' }, score: 0.0 }] },
  sources: { skl2016: { file: '002.txt', title: 'SKL 2016', year: 2016 } },
  areas: [
    { id: 'tjanster', role: 'flowers', title: { sv: 'Tjänster' }, groups: [
      { id: 'skola', title: { sv: 'Barn och elever' }, indicators: [
        { id: 'tjanster.skola.gymnasium', text: { sv: 'Antagning till gymnasium' }, source: { ref: 'skl2016', locator: 'Figur 12' } },
        { id: 'tjanster.skola.franvaro', text: { sv: 'Frånvaroanmälan' }, source: { ref: 'skl2016', locator: 'Figur 12' } }] }] },
    { id: 'verksamhet', role: 'bars', title: { sv: 'Verksamhet' }, groups: [
      { id: 'skola', title: { sv: 'Skola' }, indicators: [
        { id: 'verksamhet.skola.utvecklat', text: { sv: 'Utvecklat verksamheten' }, source: { ref: 'skl2016', locator: 'Tabell 7' } }] }] },
    { id: 'it', role: 'tiles', title: { sv: 'IT' }, groups: [
      { id: 'it', title: { sv: 'IT' }, indicators: [
        { id: 'it.tvafaktor', text: { sv: 'Tvåfaktorsautentisering' }, source: { ref: 'skl2016', locator: 'Figur 20' } }] }] },
  ],
};
const ids = set.areas.flatMap((a) => a.groups.flatMap((g) => g.indicators.map((i) => i.id)));

const result = (patch = {}) => ({
  format: 'blomlada-result', format_version: 1, app_version: '0.1.0',
  set: { set: 'korpus', version: '1' },
  kommun: { code: '1880', name: 'Örebro' },
  population: 160000,
  title: 'Värdering 2026',
  created: '2026-03-01T09:00:00Z', updated: '2026-03-04T15:30:00Z',
  approval: 'KS 2026-03-04 § 41',
  answers: Object.fromEntries(ids.map((id, i) => [id, { answer: ['helt', 'delvis', 'inte'][i % 3], comment: 'Införd 2025.' }])),
  ...patch,
});
const valid = json(result());

// ---- indicator sets ----
write('set-small-valid.json', json(set));
write('set-truncated.json', json(set).slice(0, 700));
write('set-bom.json', Buffer.concat([BOM, Buffer.from(json(set))]));
write('set-duplicate-ids.json', json({ ...set, areas: set.areas.map((a) => a.id === 'it'
  ? { ...a, groups: [{ ...a.groups[0], indicators: [a.groups[0].indicators[0], a.groups[0].indicators[0]] }] } : a) }));
write('set-unicode-id.json', json({ ...set, areas: set.areas.map((a) => a.id === 'it'
  ? { ...a, groups: [{ ...a.groups[0], indicators: [{ ...a.groups[0].indicators[0], id: 'it.tvåfaktor\u202e🌸' }] }] } : a) }));
write('set-wrong-types.json', json({ ...set, areas: 'tjanster, verksamhet, it' }));
write('set-huge-numbers.json', json(set).replace('"format": 1', '"format": 1e999'));
write('set-huge-integer.json', json(set).replace('"format": 1', '"format": 340282366920938463463374607431768211456'));
write('set-empty-areas.json', json({ ...set, areas: [] }));
write('set-nul-in-id.json', json(set).replace('"it.tvafaktor"', '"it.tva\\u0000faktor"'));
write('set-deep-nesting.json', '{"format": 1, "id": "korpus", "description": ' + '['.repeat(50_000) + ']'.repeat(50_000) + '}');
{
  // Over 1 MB and well formed: 3 300 indicators in one flower.
  const many = Array.from({ length: 3300 }, (_, i) => ({
    id: `tjanster.skola.i${i}`, text: { sv: `Indikator nummer ${i} med en lång text om digitala tjänster för barn och elever` },
    source: { ref: 'skl2016', locator: `Figur ${i}` } }));
  write('set-large-1mb.json', json({ ...set, areas: [{ ...set.areas[0], groups: [{ ...set.areas[0].groups[0], indicators: many }] }, set.areas[1], set.areas[2]] }));
}

// ---- result files ----
write('result-valid.json', valid);
write('result-valid-bom.json', Buffer.concat([BOM, Buffer.from(valid)]));
write('result-truncated.json', valid.slice(0, Math.floor(valid.length / 2)));
write('result-empty.json', '');
write('result-only-bom.json', BOM);
write('result-whitespace.json', ' \n\t\r\n ');
write('result-trailing-garbage.json', valid + '\n}{"format": "blomlada-result"}');
write('result-nul-bytes.json', Buffer.from(valid.replace('Värdering 2026', 'Värdering\u00002026')));
write('result-nul-before-json.json', Buffer.concat([Buffer.from([0, 0, 0, 0]), Buffer.from(valid)]));
write('result-nul-escaped.json', valid.replace('Införd 2025.', 'Införd\\u00002025.'));
write('result-invalid-utf8.json', Buffer.concat([Buffer.from(valid.slice(0, 200)), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from(valid.slice(200))]));
write('result-utf16le.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(valid, 'utf16le')]));
write('result-lone-surrogate.json', valid.replace('Värdering 2026', 'Värdering \\ud800 2026'));
write('result-raw-control-chars.json', valid.replace('Värdering 2026', 'Värdering\n\t2026'));
write('result-huge-float.json', valid.replace('"population": 160000', '"population": 1e400'));
write('result-huge-integer.json', valid.replace('"population": 160000', '"population": 99999999999999999999999999999999'));
write('result-negative-population.json', valid.replace('"population": 160000', '"population": -160000'));
write('result-population-zero.json', valid.replace('"population": 160000', '"population": 0'));
write('result-format-version-huge.json', valid.replace('"format_version": 1', '"format_version": 18446744073709551615'));
write('result-format-version-string.json', valid.replace('"format_version": 1', '"format_version": "1"'));
write('result-wrong-format.json', json(result({ format: 'eblomlada' })));
write('result-not-an-object.json', '[1, 2, 3]');
write('result-deep-nesting.json', '['.repeat(100_000) + ']'.repeat(100_000));
write('result-deep-nesting-inside.json', valid.replace('"title": "Värdering 2026"', '"title": ' + '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000)));
write('result-wrong-types.json', json(result({ answers: ids.map((id) => ({ id, answer: 'helt' })) })));
write('result-answer-number.json', json(result({ answers: { [ids[0]]: { answer: 1 } } })));
write('result-unknown-field.json', json(result({ extra: true })));
write('result-unicode-indicator-id.json', json(result({ answers: { 'tjänster.skola.gymnasium\u200b🌸\u202e': { answer: 'helt' } } })));
write('result-bad-answer.json', json(result({ answers: { [ids[0]]: { answer: 'ja' } } })));
write('result-unknown-kommun.json', json(result({ kommun: { code: '9999', name: 'Atlantis' } })));
write('result-kommun-name-mismatch.json', json(result({ kommun: { code: '1880', name: 'Örebro\u0000' } })));
write('result-unknown-set.json', json(result({ set: { set: 'korpus', version: '1999' } })));
write('result-bad-timestamp.json', json(result({ updated: '2026-13-45T99:99:99Z' })));
write('result-javascript-evidence.json', json(result({ answers: { [ids[0]]: { answer: 'helt', evidence: 'javascript:alert(1)' } } })));
write('result-duplicate-keys.json', valid.replace('"population": 160000', '"population": 160000, "population": 1'));
write('result-too-long-title.json', json(result({ title: 'å'.repeat(10_000) })));
write('result-too-large-1mb.json', json(result({ answers: { [ids[0]]: { answer: 'helt', comment: 'x'.repeat(1_100_000) } } })));
write('result-just-under-limit.json', json(result({ answers: { [ids[0]]: { answer: 'helt', comment: 'ö'.repeat(499_000) } } })));
write('result-many-unknown-ids.json', json(result({ answers: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`x.${i}`, { answer: 'helt' }])) })));

// ---- concordances and import through them ----
const conc = {
  format: 1, set: 'korpus', from: '1', to: '2',
  mappings: [
    { kind: 'same', from: ['tjanster.skola.gymnasium'], to: ['tjanster.skola.gymnasium'] },
    { kind: 'split', from: ['tjanster.skola.franvaro'], to: ['tjanster.skola.franvaro-a', 'tjanster.skola.franvaro-b'] },
    { kind: 'merged', from: ['verksamhet.skola.utvecklat', 'it.tvafaktor'], to: ['it.samlad'] },
  ],
};
write('concordance-small.json', json(conc));
write('concordance-truncated.json', json(conc).slice(0, 150));
write('concordance-bogus-kind.json', json({ ...conc, mappings: [{ kind: 'bogus', from: ['a'], to: ['b'] }] }));
write('concordance-same-with-two.json', json({ ...conc, mappings: [{ kind: 'same', from: ['a', 'b'], to: ['a'] }] }));
write('concordance-mappings-not-a-list.json', json({ ...conc, mappings: { kind: 'same' } }));
write('concordance-unicode-ids.json', json({ ...conc, mappings: [{ kind: 'reworded', from: ['tjänster.ö\u202e'], to: ['🌸'] }] }));
write('concordance-same-version.json', json({ ...conc, to: '1' }));
write('concordance-deep-nesting.json', '{"format": 1, "mappings": ' + '['.repeat(60_000) + ']'.repeat(60_000) + '}');
write('concordance-huge-format.json', json(conc).replace('"format": 1', '"format": 99999999999999999999999'));
{
  // A valid result for the real eBlomlådan 2014 set, to import into 2026 through the concordance.
  const real = JSON.parse(fs.readFileSync(path.join(dir, '../../indicators/eblomlada/2014.json'), 'utf8'));
  const realIds = real.areas.flatMap((a) => a.groups.flatMap((g) => g.indicators.map((i) => i.id)));
  const answers = Object.fromEntries(realIds.map((id, i) => [id, { answer: ['helt', 'delvis', 'inte'][i % 3], ...(i % 5 === 0 ? { comment: `Kommentar ${i}` } : {}) }]));
  write('result-eblomlada-2014.json', json(result({ set: { set: 'eblomlada', version: '2014' }, answers })));
}

// ---- result files with plans (format version 2, issue 13) ----
{
  const planned = (plan) => json(result({ format_version: 2, answers: { ...result().answers, [ids[0]]: { answer: 'inte', plan } } }));
  const good = { target: { answer: 'helt', year: 2027 }, responsible: 'Skolförvaltningen', action: 'Digital antagning', status: 'pagar' };
  write('result-plan-valid.json', planned(good));
  write('result-plan-target-off-scale.json', planned({ ...good, target: { answer: 'ja', year: 2027 } }));
  write('result-plan-year-out-of-range.json', planned({ ...good, target: { answer: 'helt', year: 20270 } }));
  write('result-plan-year-negative.json', planned({ ...good, target: { answer: 'helt', year: -1 } }));
  write('result-plan-target-without-answer.json', planned({ ...good, target: { year: 2027 } }));
  write('result-plan-bad-status.json', planned({ ...good, status: 'snart' }));
  write('result-plan-unknown-field.json', planned({ ...good, budget: 100000 }));
  write('result-plan-not-an-object.json', planned('helt till 2027'));
  write('result-plan-responsible-too-long.json', planned({ ...good, responsible: 'å'.repeat(201) }));
  write('result-plan-earlier-off-scale.json', planned({ ...good, earlier: { target: { answer: 'ja' } } }));
  // A version 1 file never had plans: one that does was not written by Blomlådan.
  write('result-plan-in-version-1.json', json(result({ answers: { ...result().answers, [ids[0]]: { answer: 'inte', plan: good } } })));
}
