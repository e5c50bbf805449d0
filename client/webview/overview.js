// The Credentials overview page (client/src/overviewPanel.ts; built into dist/overview/page.js). It draws what the extension sends
// and asks the extension to act; every text goes in through textContent, never as markup.
(function () {
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('overview');
  const ICON = { ok: 'pass', warning: 'warning', error: 'error', quiet: 'circle-outline' };

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function icon(name) {
    const node = el('span', `codicon codicon-${name}`);
    node.setAttribute('aria-hidden', 'true');
    return node;
  }

  function button(iconName, label, onClick) {
    const node = el('button', 'action');
    node.type = 'button';
    node.title = label;
    node.setAttribute('aria-label', label);
    node.append(icon(iconName));
    node.addEventListener('click', onClick);
    return node;
  }

  function act(type, key) {
    vscode.postMessage({ type, key });
  }

  function timeline(view) {
    const section = el('section', 'timeline');
    section.setAttribute('aria-label', view.words.timeline);
    section.append(el('h2', '', view.words.timeline));
    const track = el('div', 'track');
    const band = el('div', 'band');
    band.style.width = `${view.warnBand * 100}%`;
    track.append(band);
    for (const tick of view.axis) {
      const t = el('span', `tick${tick.position >= 1 ? ' end' : tick.position <= 0 ? ' start' : ''}`, tick.text);
      t.style.left = `${tick.position * 100}%`;
      track.append(t);
    }
    const list = el('ol', 'marks');
    view.marks.forEach((mark, i) => {
      const m = el('button', `mark level-${mark.level} place-${mark.place}`);
      m.type = 'button';
      m.style.left = `${mark.position * 100}%`;
      m.style.top = `${18 + (i % 4) * 14}px`;
      m.title = mark.text;
      m.setAttribute('aria-label', mark.text);
      m.append(icon(ICON[mark.level]));
      m.addEventListener('click', () => document.getElementById(rowId(mark.key))?.querySelector('button')?.focus());
      track.append(m);
      const item = el('li', `level-${mark.level}`);
      item.append(icon(ICON[mark.level]), el('span', 'mark-text', mark.text));
      list.append(item);
    });
    section.append(track);
    section.append(view.marks.length > 0 ? list : el('p', 'empty', view.words.noExpiry));
    return section;
  }

  function rowId(key) {
    return `row-${[key.agentId, key.provider, key.candidateId].map(encodeURIComponent).join('/')}`;
  }

  function grid(view) {
    const table = el('table', 'grid');
    const head = el('tr');
    for (const h of [view.words.agent, view.words.provider, view.words.credential, view.words.state, view.words.timeLeft, view.words.actions]) head.append(el('th', '', h));
    const thead = el('thead');
    thead.append(head);
    table.append(thead);
    const body = el('tbody');
    for (const agent of view.agents) {
      const agentRow = el('tr', `agent level-${agent.level}`);
      const name = el('th', '', agent.agentId);
      name.scope = 'rowgroup';
      name.colSpan = 3;
      name.prepend(icon(ICON[agent.level]));
      const summary = el('td', 'summary', agent.summary);
      summary.colSpan = 3;
      agentRow.append(name, summary);
      body.append(agentRow);
      for (const provider of agent.providers) {
        const rows = provider.candidates.length > 0 ? provider.candidates : [undefined];
        rows.forEach((c, i) => {
          const tr = el('tr', `level-${c ? c.level : provider.level}`);
          if (c) tr.id = rowId(c.key);
          tr.append(el('td', 'indent'));
          const p = el('td', `provider level-${provider.level}`, i === 0 ? provider.provider : '');
          if (i === 0) p.title = provider.state;
          tr.append(p);
          const cred = el('td', 'credential');
          if (c) {
            cred.append(icon(ICON[c.level]), el('span', '', c.id));
            if (c.use) cred.append(el('span', 'use', c.use));
          } else cred.append(el('span', 'none', view.words.none));
          tr.append(cred, el('td', 'state', c ? c.state : provider.state), el('td', 'time', c ? c.time : provider.time));
          const actions = el('td', 'actions');
          if (c) {
            actions.append(button('go-to-file', view.words.open, () => act('open', c.key)), button('copy', view.words.copy, () => act('copy', c.key)));
            if (c.pasteable) actions.append(button('key', view.words.paste, () => act('paste', c.key)));
            // Remove Profile asks for confirmation itself (a modal dialog).
            if (c.removable) actions.append(button('trash', view.words.remove, () => act('remove', c.key)));
          }
          tr.append(actions);
          body.append(tr);
        });
      }
    }
    table.append(body);
    return table;
  }

  function render(view) {
    root.replaceChildren();
    if (!view) return;
    const header = el('header');
    header.append(el('h1', '', view.words.title), button('refresh', view.words.refresh, () => act('refresh')));
    root.append(header);
    if (view.condition) root.append(el('p', 'condition', view.condition));
    root.append(timeline(view), grid(view));
  }

  window.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'render') render(event.data.view);
  });
  vscode.postMessage({ type: 'ready' });
})();
