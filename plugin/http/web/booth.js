'use strict';
// The interpreters' page: one input, results as you type, the direction changed with one key.
(() => {
  const { getJson, latest, el } = tolkApi;
  const directions = [['nl', 'ru'], ['ru', 'nl'], ['en', 'ru'], ['ru', 'en'], ['nl', 'en'], ['en', 'nl']];
  let current = 0;
  const input = document.getElementById('query');
  const results = document.getElementById('results');
  const label = document.getElementById('direction');
  const next = latest();
  let timer;
  const show = () => { const [from, to] = directions[current]; label.textContent = from + ' → ' + to; };
  async function search() {
    const query = input.value.trim();
    const signal = next();
    if (!query) { results.replaceChildren(); return; }
    const [from, to] = directions[current];
    try {
      // The booth's own search (as `tolk booth`): prefixes, transliteration, typos, and only
      // concepts with a term in the target language.
      const answer = await getJson('/api/v1/booth?q=' + encodeURIComponent(query) + '&direction=' + from + '-' + to + '&limit=6', signal);
      results.replaceChildren(...answer.hits.map((hit) => {
        const targets = hit.concept.terms.filter((t) => t.language === to && t.status !== 'deprecated').map((t) => t.text);
        return el('li', {}, el('div', { class: 'target' }, targets.join(' · ') || '—'),
                  el('span', { class: 'source' }, hit.matched_term.text),
                  el('span', { class: 'ref' }, (hit.concept.legal || []).join('; ')),
                  hit.own ? el('span', { class: 'own' }, 'own entry') : '');
      }));
    } catch (error) {
      if (error.name !== 'AbortError') results.replaceChildren(el('li', {}, error.message));
    }
  }
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(search, 80); });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Tab') {
      event.preventDefault();
      current = (current + (event.shiftKey ? directions.length - 1 : 1)) % directions.length;
      show(); search();
    } else if (event.key === 'Escape') {
      input.value = ''; results.replaceChildren();
    }
  });
  show();
})();
