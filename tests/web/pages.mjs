// The pages of `tolk serve` end to end in Debian's Chromium (headless), driven by playwright-core:
// a real server on a free loopback port over a fresh workspace with the shipped glossary and the
// sample TM. The main page (search as you type, the card, TM concordance, the hearing sheet and its
// print stylesheet) and the booth page (a misspelt and a transliterated query typed letter by
// letter). Screenshots go to OUTPUT_DIR.
//
//   node pages.mjs test  TOLK SOURCE_DIR OUTPUT_DIR
//   node pages.mjs bench TOLK SOURCE_DIR OUTPUT_DIR [CONCEPTS]
//
// `bench` adds CONCEPTS synthetic concepts (default 10,000) made from the glossary's and prints how
// fast the page answers: page load, and per keystroke the lookup request and the time until the
// card shows. Exit code: 0 passed, 1 failed, 77 skipped (no Chromium).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const [mode, tolk, sourceDir, outputDir, conceptsArgument] = process.argv.slice(2);
const chromiumPath = '/usr/bin/chromium';
if (!['test', 'bench'].includes(mode) || !outputDir) {
  console.error('usage: node pages.mjs test|bench TOLK SOURCE_DIR OUTPUT_DIR [CONCEPTS]');
  process.exit(2);
}
if (!existsSync(chromiumPath)) {
  console.log(`${chromiumPath} not found: skipped`);
  process.exit(77);
}
mkdirSync(outputDir, { recursive: true });

let failures = 0;
function check(condition, what) {
  console.log(`${condition ? 'ok  ' : 'FAIL'} ${what}`);
  if (!condition) failures += 1;
}

// The workspace: init, the shipped glossary, the sample TM (whose deliberately bad units make
// `tm import` exit 1), and in bench mode the synthetic concepts.
const work = mkdtempSync(join(tmpdir(), 'tolk-pages-'));
const data = join(work, 'data');
const env = { ...process.env, LANG: 'C.UTF-8' };
const runTolk = (...args) => execFileSync(tolk, ['-d', data, ...args], { env, encoding: 'utf8' });
runTolk('init');
runTolk('term', 'import', join(sourceDir, 'glossaries/legal-nl-en-ru.json'));
try {
  runTolk('tm', 'import', join(sourceDir, 'tests/tm/data/ambtsbericht-nl-en-ru.tmx'));
} catch (error) {
  if (error.status !== 1) throw error;
}
const syntheticCount = mode === 'bench' ? Number(conceptsArgument || 10000) : 0;
if (syntheticCount > 0) {
  const file = join(work, 'synthetic.json');
  writeFileSync(file, JSON.stringify(syntheticGlossary(syntheticCount)));
  const started = performance.now();
  runTolk('term', 'import', file);
  console.log(`imported ${syntheticCount} synthetic concepts in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

// Synthetic concepts: each a glossary concept's terms with a distinct made-up word in front, so
// that prefixes are shared as in a large real termbase.
function syntheticWord(n) {
  const syllables = ['ka', 'ro', 'mi', 'te', 'lu', 'sa', 'do', 've', 'ni', 'po', 'ga', 'ze'];
  let word = '';
  do { word += syllables[n % syllables.length]; n = Math.floor(n / syllables.length); } while (n > 0);
  return word;
}
function syntheticGlossary(count) {
  const glossary = JSON.parse(readFileSync(join(sourceDir, 'glossaries/legal-nl-en-ru.json'), 'utf8'));
  const word = syntheticWord;
  const concepts = [];
  for (let i = 0; i < count; i += 1) {
    const model = glossary.concepts[i % glossary.concepts.length];
    const prefix = word(i);
    const terms = {};
    for (const [language, list] of Object.entries(model.terms))
      terms[language] = list.map((term) => ({ text: `${prefix} ${term.text}`, status: term.status }));
    concepts.push({ id: `synthetic-${i}`, domain: model.domain, terms });
  }
  return { ...glossary, concepts };
}

// `tolk serve --port 0` prints "tolk serve: listening on http://127.0.0.1:PORT/" first.
const server = spawn(tolk, ['-d', data, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve, reject) => {
  const lines = createInterface({ input: server.stdout });
  lines.once('line', (line) => {
    const url = /https?:\/\/\S+/.exec(line);
    url ? resolve(url[0].replace(/\/$/, '')) : reject(new Error(`tolk serve said: ${line}`));
  });
  server.once('exit', (code) => reject(new Error(`tolk serve exited with ${code}`)));
});

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const outside = [];
  page.on('request', (request) => { if (!request.url().startsWith(base)) outside.push(request.url()); });
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('response', (response) => { if (response.status() >= 400) pageErrors.push(`${response.status()} ${response.url()}`); });
  if (mode === 'test') {
    await mainPage(page);
    await boothPage(page);
  } else {
    await benchMainPage(page);
  }
  check(outside.length === 0, `nothing is loaded from outside ${base} (${outside.join(' ') || 'none'})`);
  check(pageErrors.length === 0, `no script errors and no failed requests (${pageErrors.join(' | ') || 'none'})`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
process.exit(failures ? 1 : 0);

// Types `text` into `selector` one letter at a time, as a person does, and waits until the page
// has the answer to the whole text from `endpoint`.
async function typeSlowly(page, selector, text, endpoint = '/api/v1/lookup') {
  await page.fill(selector, '');
  const answered = page.waitForResponse((response) => response.url().includes(endpoint) &&
    new URL(response.url()).searchParams.get('q') === text);
  await page.locator(selector).pressSequentially(text, { delay: 60 });
  await answered;
  // The answer is rendered in the same task that parses it; one frame more is plenty.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
}

async function mainPage(page) {
  await page.goto(base + '/');
  // The domain list is filled from /api/v1/domains by the page's script.
  await page.waitForSelector('#domains input[value="military-service"]');
  check(true, 'the main page loads and lists the domains');

  // A Latin spelling of a Russian term, typed letter by letter, finds the concept.
  await typeSlowly(page, '#query', 'dezertirstvo');
  const card = page.locator('#results article.card[data-concept="uk-338-desertion"]');
  await card.waitFor({ timeout: 10000 });
  const cardText = await card.innerText();
  check(cardText.includes('дезертирство'), 'dezertirstvo shows the desertion card with the Russian term');
  check(cardText.includes('desertie') && cardText.includes('desertion'), 'the card has the Dutch and English terms');
  check(/UK RF 338/.test(cardText), 'the card has the legal reference UK RF 338');
  check((await card.locator('.citation').count()) > 0, 'the card cites the corpus');

  // A misspelt Dutch compound still finds its concept.
  await typeSlowly(page, '#query', 'dienstplichtontduking');
  await page.locator('#results article.card').first().waitFor();
  const first = await page.locator('#results article.card').first().innerText();
  check(/dienstplicht/i.test(first) && /уклонение/i.test(first), `the misspelt 'dienstplichtontduking' finds draft evasion (${first.split('\n')[0]})`);
  await page.screenshot({ path: join(outputDir, 'search.png'), fullPage: true });

  // TM concordance over the sample TM.
  await typeSlowly(page, '#concordance-query', 'dienstplichtontduiking', '/api/v1/tm/concordance');
  await page.locator('#concordance-results mark').first().waitFor();
  check((await page.locator('#concordance-results .card').count()) > 0, 'the TM concordance shows units with the word marked');

  // The hearing sheet for one domain: shown in the frame, printable.
  await page.check('#domains input[value="military-service"]');
  await page.click('#show-sheet');
  const sheet = page.frameLocator('#sheet-frame');
  await sheet.locator('table').first().waitFor();
  const sheetText = await sheet.locator('body').innerText();
  check(sheetText.includes('deserteur') && sheetText.includes('дезертир') && !sheetText.includes('Дезертирство'),
        'the military-service hearing sheet lists deserteur | дезертир, and not the criminal-code desertion');
  check(!(await page.locator('#print-sheet').isDisabled()), 'the sheet can be printed once shown');
  const download = page.waitForEvent('download');
  await page.click('#download-md');
  const markdownPath = join(outputDir, 'hearing-sheet.md');
  await (await download).saveAs(markdownPath);
  check(readFileSync(markdownPath, 'utf8').includes('| **deserteur** | **deserter** | **дезертир**'), 'the Markdown download is the sheet');
  await page.locator('#sheet').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(outputDir, 'hearing-sheet.png'), fullPage: true });

  // The print stylesheet: printing the page prints the sheet, not the navigation and the search.
  await page.emulateMedia({ media: 'print' });
  const navigationPrinted = await page.locator('header nav').isVisible();
  const searchPrinted = await page.locator('#query').isVisible();
  const sheetPrinted = await page.locator('#sheet-frame').isVisible();
  await page.emulateMedia({ media: 'screen' });
  check(!navigationPrinted && !searchPrinted && sheetPrinted, 'the print stylesheet prints the sheet without the navigation and the search');
}

async function boothPage(page) {
  await page.goto(base + '/booth');
  const direction = page.locator('#direction');
  check((await direction.innerText()).includes('nl → ru'), 'the booth starts in nl → ru');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  check(background !== 'rgb(255, 255, 255)' && background !== 'rgba(0, 0, 0, 0)', `the booth is dark (${background})`);

  // A misspelt Dutch term, letter by letter: the Russian term appears.
  await typeSlowly(page, '#query', 'desrtie', '/api/v1/booth');
  await page.locator('#results li').first().waitFor();
  const misspelt = await page.locator('#results li').first().innerText();
  check(misspelt.includes('дезертирство'), `nl → ru 'desrtie' (misspelt) answers дезертирство (${misspelt.replace(/\n/g, ' | ')})`);

  // Tab changes direction with the keyboard only; a Latin spelling of a Russian term then finds it.
  await page.press('#query', 'Escape');
  await page.press('#query', 'Tab');
  check((await direction.innerText()).includes('ru → nl'), 'Tab turns the direction to ru → nl');
  await typeSlowly(page, '#query', 'inostrannyy agent', '/api/v1/booth');
  await page.waitForFunction(() => document.querySelector('#results li .target')?.textContent.includes('buitenlandse agent'), null, { timeout: 10000 });
  const transliterated = await page.locator('#results li').first().innerText();
  check(transliterated.includes('buitenlandse agent') && transliterated.includes('иностранный агент'),
        `ru → nl 'inostrannyy agent' (Latin) answers buitenlandse agent (${transliterated.replace(/\n/g, ' | ')})`);
  await page.screenshot({ path: join(outputDir, 'booth.png') });
}

// Bench: how fast the page is on a large termbase. Page load to the filled domain list, then every
// prefix of a few queries typed 150 ms apart (past the page's 120 ms debounce, so each key sends a
// lookup): the lookup request's time as Chromium measured it, and the time from the last key to
// the first card (which includes the debounce); beside them the same lookups without a browser.
async function benchMainPage(page) {
  const loads = [];
  for (let i = 0; i < 5; i += 1) {  // the first includes the new tab's start
    const loadStart = performance.now();
    await page.goto(base + '/');
    await page.waitForSelector('#domains input');
    loads.push(performance.now() - loadStart);
  }
  const lookups = [];
  page.on('requestfinished', (request) => {
    if (!request.url().includes('/api/v1/lookup')) return;
    const timing = request.timing();
    lookups.push(timing.responseEnd - timing.requestStart);
  });
  // The last query is a synthetic concept's term: 'desertie' with its made-up word in front.
  const glossary = JSON.parse(readFileSync(join(sourceDir, 'glossaries/legal-nl-en-ru.json'), 'utf8'));
  const desertion = glossary.concepts.findIndex((c) => c.id === 'uk-338-desertion');
  const synthetic = syntheticWord(desertion + 7 * glossary.concepts.length) + ' desertie';
  const queries = ['dezertirstvo', 'dienstplichtontduking', 'inostrannyy agent', 'foreign agent'];
  if (syntheticCount > desertion + 7 * glossary.concepts.length) queries.push(synthetic);
  const toCard = [];
  for (const query of queries) {
    await page.fill('#query', '');
    await page.locator('#query').pressSequentially(query.slice(0, -1), { delay: 150 });
    const answered = page.waitForResponse((response) => response.url().includes('/api/v1/lookup') &&
      new URL(response.url()).searchParams.get('q') === query);
    const typed = performance.now();
    await page.press('#query', query.slice(-1));
    await answered;
    await page.waitForFunction(() => document.querySelectorAll('#results article.card').length > 0);
    toCard.push(performance.now() - typed);
  }
  const domains = [];
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    await page.evaluate(() => fetch('/api/v1/domains').then((r) => r.json()));
    domains.push(performance.now() - started);
  }
  const percentile = (values, p) => { const s = [...values].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
  const row = (name, values) => console.log(`| ${name} | ${values.length} | ${percentile(values, 0.5).toFixed(1)} | ${percentile(values, 0.99).toFixed(1)} | ${Math.max(...values).toFixed(1)} |`);
  console.log(`\n| ${230 + syntheticCount} concepts | n | p50 ms | p99 ms | max ms |\n|---|--:|--:|--:|--:|`);
  row('first page load to the filled domain list', loads.slice(0, 1));
  row('page reload to the filled domain list', loads.slice(1));
  row('lookup request per keystroke, in the page (Chromium timing)', lookups);
  row('/api/v1/domains (fetch in the page)', domains);
  row('last key to the first card (includes the 120 ms debounce)', toCard);
  check(lookups.length > 0 && toCard.length === queries.length, 'every bench query showed a card');
}
