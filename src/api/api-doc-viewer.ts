/**
 * The `/api-doc` viewer: a few kilobytes of plain script and CSS served from this origin. It lists
 * every operation at once (a line each, in batches, so the first ones show at once) and renders an
 * operation's parameters, responses and "Try it" form only when it is opened. Swagger UI, used
 * before, rendered all ~800 operations of the document up front: 21–40 s before anything showed.
 *
 * Plain strings rather than files next to this module: the server is bundled into `dist/`, and
 * strings travel with it. No backticks or template placeholders inside, on purpose.
 */

export const VIEWER_CSS = String.raw`
:root { color-scheme: light dark; --bg: #fff; --fg: #1d1d1f; --muted: #5f6368; --line: #d9d9de; --panel: #f5f5f7; --accent: #b35400; --post: #1f6f43; --get: #1d4f91; }
@media (prefers-color-scheme: dark) { :root { --bg: #141416; --fg: #ececf0; --muted: #a8a8b3; --line: #3a3a40; --panel: #1f1f23; --accent: #ffa24d; --post: #6fd39b; --get: #8ab8ff; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; background: var(--bg); color: var(--fg); }
header, main { max-width: 960px; margin: 0 auto; padding: 0 16px; }
header { padding-top: 16px; }
h1 { margin: 0 0 4px; font-size: 1.6rem; }
h2 { font-size: 1.1rem; margin: 24px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
a { color: var(--accent); }
.intro { white-space: pre-wrap; color: var(--muted); margin: 0 0 12px; }
.filter { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; position: sticky; top: 0; background: var(--bg); padding: 8px 0; z-index: 1; }
.filter input { flex: 1 1 200px; font: inherit; padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.status { color: var(--muted); }
details.op { border: 1px solid var(--line); border-radius: 6px; margin: 4px 0; background: var(--panel); }
details.op > summary { cursor: pointer; padding: 6px 10px; display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.method { font: 600 12px/1.6 ui-monospace, monospace; padding: 0 6px; border-radius: 4px; color: var(--bg); background: var(--post); }
.method.get { background: var(--get); }
.path { font-family: ui-monospace, monospace; font-weight: 600; overflow-wrap: anywhere; }
.summary { color: var(--muted); }
.body { padding: 4px 12px 12px; border-top: 1px solid var(--line); background: var(--bg); }
.desc { white-space: pre-wrap; }
h3 { font-size: 1rem; margin: 12px 0 4px; }
ul.schema { list-style: none; margin: 0; padding-left: 16px; border-left: 2px solid var(--line); }
ul.schema li { margin: 2px 0; }
.name { font-family: ui-monospace, monospace; font-weight: 600; }
.type { font-family: ui-monospace, monospace; color: var(--post); }
.req { color: var(--accent); font-size: 12px; }
.note { color: var(--muted); font-size: 13px; }
details.ref { display: inline; }
details.ref > summary { display: inline; cursor: pointer; font-family: ui-monospace, monospace; color: var(--get); }
table { border-collapse: collapse; width: 100%; }
td, th { text-align: left; vertical-align: top; padding: 4px 6px; border-bottom: 1px solid var(--line); }
code, pre { font-family: ui-monospace, monospace; font-size: 13px; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--panel); padding: 8px; border-radius: 6px; margin: 4px 0; }
textarea, .try input { width: 100%; font: 13px ui-monospace, monospace; padding: 6px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
button { font: inherit; padding: 4px 14px; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: var(--bg); cursor: pointer; margin-top: 6px; }
label { display: block; margin-top: 6px; font-size: 13px; color: var(--muted); }
`;

export const VIEWER_JS = String.raw`'use strict';
(function () {
  var root = document.getElementById('endpoints');
  var statusLine = document.getElementById('status');
  var filterBox = document.getElementById('filter');
  var doc = null;
  var rows = [];
  var total = 0;

  function el(tag, props, children) {
    var node = document.createElement(tag);
    if (props) for (var key in props) {
      if (key === 'text') node.textContent = props[key];
      else if (key === 'class') node.className = props[key];
      else node.setAttribute(key, props[key]);
    }
    (children || []).forEach(function (child) { if (child != null) node.append(child); });
    return node;
  }

  function resolve(ref) {
    var parts = ref.replace(/^#\//, '').split('/');
    var value = doc;
    parts.forEach(function (part) { value = value == null ? undefined : value[part.replace(/~1/g, '/').replace(/~0/g, '~')]; });
    return value;
  }

  function typeOf(schema) {
    if (schema.$ref) return schema.$ref.split('/').pop();
    if (schema.const !== undefined) return JSON.stringify(schema.const);
    if (schema.enum) return schema.enum.map(function (v) { return JSON.stringify(v); }).join(' | ');
    if (Array.isArray(schema.type)) return schema.type.join(' | ');
    if (schema.type === 'array') return 'array';
    if (schema.type) return schema.type + (schema.format ? ' (' + schema.format + ')' : '');
    if (schema.anyOf || schema.oneOf) return 'one of';
    return 'any';
  }

  function constraints(schema) {
    var words = [];
    ['minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'pattern', 'default'].forEach(function (key) {
      if (schema[key] !== undefined) words.push(key + ' ' + JSON.stringify(schema[key]));
    });
    if (schema.nullable) words.push('nullable');
    return words.length ? el('span', { class: 'note', text: ' ' + words.join(', ') }) : null;
  }

  /** A schema as nested lists; referenced components open (and render) on demand. */
  function schemaView(schema, depth) {
    if (!schema || typeof schema !== 'object') return el('span', { class: 'type', text: 'any' });
    if (schema.$ref) {
      var ref = el('details', { class: 'ref' }, [el('summary', { text: typeOf(schema) })]);
      ref.addEventListener('toggle', function () {
        if (ref.open && ref.childNodes.length === 1) ref.append(depth > 12 ? el('span', { class: 'note', text: '…' }) : schemaView(resolve(schema.$ref), depth + 1));
      });
      return ref;
    }
    var variants = schema.anyOf || schema.oneOf;
    if (variants && !(variants.every(function (v) { return v.const !== undefined; }))) {
      return el('span', {}, [el('span', { class: 'type', text: 'one of' }), el('ul', { class: 'schema' }, variants.map(function (v) { return el('li', {}, [schemaView(v, depth + 1)]); }))]);
    }
    if (variants) return el('span', { class: 'type', text: variants.map(function (v) { return JSON.stringify(v.const); }).join(' | ') });
    if (schema.type === 'array' || (Array.isArray(schema.type) && schema.items)) {
      return el('span', {}, [el('span', { class: 'type', text: typeOf(schema) + ' of ' }), constraints(schema), schema.items ? schemaView(schema.items, depth + 1) : null]);
    }
    if (schema.properties) {
      var required = schema.required || [];
      return el('ul', { class: 'schema' }, Object.keys(schema.properties).map(function (name) {
        var property = schema.properties[name];
        var simple = !property.properties && !property.anyOf && !property.oneOf && !property.$ref && property.type !== 'array';
        return el('li', {}, [
          el('span', { class: 'name', text: name }), ' ',
          required.indexOf(name) >= 0 ? el('span', { class: 'req', text: 'required ' }) : null,
          simple ? el('span', { class: 'type', text: typeOf(property) }) : schemaView(property, depth + 1),
          simple ? constraints(property) : null,
          property.description ? el('div', { class: 'note', text: property.description }) : null,
        ]);
      }));
    }
    return el('span', {}, [el('span', { class: 'type', text: typeOf(schema) }), constraints(schema)]);
  }

  function responsesView(responses) {
    var rowsOut = Object.keys(responses).map(function (status) {
      var response = responses[status];
      if (response.$ref) response = resolve(response.$ref);
      var json = response.content && response.content['application/json'];
      var cell = el('td', {}, [el('div', { text: response.description || '' })]);
      if (json && json.examples) {
        cell.append(el('ul', { class: 'schema' }, Object.keys(json.examples).map(function (key) {
          var example = json.examples[key];
          if (example.$ref) example = resolve(example.$ref);
          var error = example.value && example.value.error;
          return el('li', {}, [el('code', { text: error ? error.code : key }), ' ', el('span', { class: 'note', text: error ? error.message + ' (id ' + error.id + ')' : '' })]);
        })));
      } else if (json) {
        cell.append(schemaView(json.schema, 0));
      }
      return el('tr', {}, [el('th', { text: status }), cell]);
    });
    return el('table', {}, [el('tbody', {}, rowsOut)]);
  }

  function tryView(path, operation) {
    var server = (doc.servers && doc.servers[0] && doc.servers[0].url) || '/api';
    var id = 'try-' + operation.operationId.replace(/[^a-z0-9]/gi, '-');
    var body = el('textarea', { id: id + '-body', rows: '4', spellcheck: 'false' });
    body.value = '{}';
    var token = el('input', { id: id + '-token', type: 'password', autocomplete: 'off' });
    var out = el('pre', { class: 'result', 'aria-live': 'polite' });
    out.hidden = true;
    var send = el('button', { type: 'button', text: 'Send' });
    send.addEventListener('click', function () {
      var headers = { 'Content-Type': 'application/json' };
      if (token.value) headers.Authorization = 'Bearer ' + token.value;
      out.hidden = false;
      out.textContent = '…';
      fetch(server + path, { method: 'POST', headers: headers, body: body.value, credentials: 'omit' }).then(function (response) {
        return response.text().then(function (text) {
          var shown = text;
          try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { /* not JSON */ }
          out.textContent = response.status + '\n' + shown;
        });
      }, function (error) { out.textContent = String(error); });
    });
    return el('div', { class: 'try' }, [
      el('h3', { text: 'Try it' }),
      el('label', { for: id + '-body', text: 'Request body (JSON)' }), body,
      el('label', { for: id + '-token', text: 'Access token (optional; sent as Authorization: Bearer)' }), token,
      send, out,
    ]);
  }

  function operationBody(path, method, operation) {
    var parts = [];
    if (operation.description) parts.push(el('div', { class: 'desc', text: operation.description }));
    if (operation.requestBody) {
      parts.push(el('h3', { text: 'Request body' }));
      parts.push(schemaView(operation.requestBody.content['application/json'].schema, 0));
    }
    if (operation.parameters && operation.parameters.length) {
      parts.push(el('h3', { text: 'Query parameters' }));
      parts.push(el('ul', { class: 'schema' }, operation.parameters.map(function (p) {
        var schema = p.schema || (p.content && p.content['application/json'].schema);
        return el('li', {}, [el('span', { class: 'name', text: p.name }), ' ', p.required ? el('span', { class: 'req', text: 'required ' }) : null, schemaView(schema, 0)]);
      })));
    }
    parts.push(el('h3', { text: 'Responses' }));
    parts.push(responsesView(operation.responses));
    if (method === 'post') parts.push(tryView(path, operation));
    return el('div', { class: 'body' }, parts);
  }

  function operationRow(path, method, operation) {
    var details = el('details', { class: 'op', id: method + path, 'data-path': path, 'data-method': method }, [
      el('summary', {}, [
        el('span', { class: 'method ' + method, text: method.toUpperCase() }),
        el('span', { class: 'path', text: path }),
        operation.summary ? el('span', { class: 'summary', text: operation.summary }) : null,
      ]),
    ]);
    details.addEventListener('toggle', function () {
      if (details.open && details.childNodes.length === 1) details.append(operationBody(path, method, operation));
    });
    return details;
  }

  function applyFilter() {
    var words = filterBox.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var visible = words === '' || row.text.indexOf(words) >= 0;
      row.node.hidden = !visible;
      if (visible) shown++;
    });
    root.querySelectorAll('section').forEach(function (section) {
      section.hidden = !section.querySelector('details.op:not([hidden])');
    });
    statusLine.textContent = rows.length < total ? 'Listing ' + rows.length + ' of ' + total + ' operations…' : shown + ' of ' + total + ' operations';
  }

  function render() {
    var title = document.getElementById('title');
    title.textContent = doc.info.title + ' ' + doc.info.version;
    document.getElementById('intro').textContent = doc.info.description || '';
    var byTag = {};
    Object.keys(doc.paths).forEach(function (path) {
      var item = doc.paths[path];
      ['post', 'get'].forEach(function (method) {
        var operation = item[method];
        if (!operation) return;
        var tag = (operation.tags && operation.tags[0]) || 'other';
        (byTag[tag] = byTag[tag] || []).push([path, method, operation]);
      });
    });
    var queue = [];
    Object.keys(byTag).sort().forEach(function (tag) {
      var section = el('section', {}, [el('h2', { text: tag })]);
      root.append(section);
      byTag[tag].forEach(function (entry) { queue.push([section, entry]); });
    });
    total = queue.length;
    // In batches: the first screenful is on screen after the first frame, the rest follows.
    function batch() {
      queue.splice(0, 60).forEach(function (job) {
        var entry = job[1];
        var node = operationRow(entry[0], entry[1], entry[2]);
        job[0].append(node);
        rows.push({ node: node, text: (entry[0] + ' ' + entry[1] + ' ' + (entry[2].summary || '') + ' ' + (entry[2].tags || []).join(' ')).toLowerCase() });
      });
      applyFilter();
      if (queue.length) requestAnimationFrame(batch);
      else openFromHash();
    }
    batch();
  }

  function openFromHash() {
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (!target || target.tagName !== 'DETAILS') return;
    // A link to an operation the filter hides shows everything again.
    if (target.hidden) { filterBox.value = ''; applyFilter(); }
    target.open = true;
    target.scrollIntoView();
  }

  filterBox.addEventListener('input', applyFilter);
  window.addEventListener('hashchange', openFromHash);
  fetch(root.getAttribute('data-url')).then(function (response) {
    if (!response.ok) throw new Error('The server answered ' + response.status + '.');
    return response.json();
  }).then(function (json) { doc = json; render(); }, function (error) {
    statusLine.textContent = 'Could not load the API document: ' + error.message;
  });
})();
`;
