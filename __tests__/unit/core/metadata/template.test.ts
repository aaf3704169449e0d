import {
  compileTemplate,
  isSingleRawExpression,
  renderTemplate,
  TemplateError,
  type TemplateScope
} from '../../../../src/core/metadata/template.js';

const scope: TemplateScope = {
  name: 'feat/a=b&"c"',
  count: 0,
  flag: false,
  list: ['beta', 67],
  nested: {inner: 'deep'},
  nothing: null,
  echo: ({params, hash}) =>
    `${params.map(String).join('|')}${hash.size > 0 ? `#${[...hash].map(([k, v]) => `${k}=${String(v)}`).join(',')}` : ''}`
};

const render = (source: string): string => renderTemplate(compileTemplate(source), scope);

describe('template rendering (Handlebars subset)', () => {
  test.each([
    ['plain text', 'nightly', 'nightly'],
    ['a value, HTML-escaped like Handlebars', '{{name}}', 'feat/a&#x3D;b&amp;&quot;c&quot;'],
    ['triple-stash is not escaped', '{{{name}}}', 'feat/a=b&"c"'],
    ['ampersand form is not escaped', '{{& name}}', 'feat/a=b&"c"'],
    ['zero and false print as text', '{{count}}-{{flag}}', '0-false'],
    ['arrays join with commas', '{{list}}', 'beta,67'],
    ['dotted paths read nested fields', '{{nested.inner}} {{list.0}}', 'deep beta'],
    ['slash paths too', '{{nested/inner}}', 'deep'],
    ['unknown names are empty', 'a{{missing}}b{{nothing}}c', 'abc'],
    ['prototype members never resolve', '{{constructor}}{{toString}}{{name.length}}', ''],
    ['comments disappear', 'x{{! note }}y{{!-- a }} b --}}z', 'xyz'],
    ['escaped mustache stays literal', '\\{{name}} {{count}}', '{{name}} 0'],
    ['escaped backslash before a real mustache', '\\\\{{count}}', '\\0'],
    ['whitespace control trims around', 'a  {{~count~}}  b', 'a0b'],
    ['helpers receive literal arguments', '{{echo \'x\' "y" 3 true null}}', 'x|y|3|true|null'],
    ['helpers receive hash arguments', "{{{echo 'f' tz='Asia/Tokyo' n=2}}}", 'f#tz=Asia/Tokyo,n=2'],
    ['quotes can be escaped inside strings', "{{echo 'it\\'s'}}", 'it&#x27;s'],
    ['path arguments are looked up', '{{echo nested.inner}}', 'deep'],
    ['a lone brace is text', '{a} }} {', '{a} }} {']
  ])('%s', (_name, source, expected) => {
    expect(render(source)).toBe(expected);
  });

  test.each([
    ['an unclosed expression', '{{name', /missing its closing/],
    ['an unclosed triple-stash', '{{{name}}', /\{\{\{name\}\}/],
    ['a block helper', '{{#if name}}x{{/if}}', /blocks or partials/],
    ['a partial', '{{> part}}', /blocks or partials/],
    ['a sub-expression', '{{echo (name)}}', /sub-expression/],
    ['an empty expression', '{{ }}', /empty expression/],
    ['an unterminated string', "{{echo 'x}}", /unterminated string/],
    ['a positional argument after a hash argument', "{{echo a=1 'x'}}", /positional argument after/],
    ['an unclosed comment', '{{!-- note }}', /never closed/]
  ])('rejects %s at compile time', (_name, source, message) => {
    expect(() => compileTemplate(source)).toThrow(TemplateError);
    expect(() => compileTemplate(source)).toThrow(message);
  });

  test('arguments to something that is not a helper fail like Handlebars "Missing helper"', () => {
    expect(() => render("{{name 'x'}}")).toThrow(/not a helper/);
    expect(() => render("{{missing 'x'}}")).toThrow(TemplateError);
  });

  test('classifies templates', () => {
    expect(isSingleRawExpression(compileTemplate('{{raw}}'))).toBe(true);
    expect(isSingleRawExpression(compileTemplate('{{ raw }}'))).toBe(true);
    expect(isSingleRawExpression(compileTemplate('v{{raw}}'))).toBe(false);
    expect(isSingleRawExpression(compileTemplate('{{raw}}{{! why }}'))).toBe(false);
    expect(isSingleRawExpression(compileTemplate('{{version}}'))).toBe(false);
  });
});
