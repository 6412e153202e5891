import { describe, expect, it } from 'vitest';
import { jsonDocument, parseJsonDocument } from '../../src/hcl/json-document';

describe('jsonDocument: the canonical text of a JSON document', () => {
  it('sorts keys at every level and leaves out whitespace', () => {
    expect(jsonDocument({ Version: '2012-10-17', Statement: [{ Sid: 'A', Effect: 'Allow', Action: 's3:GetObject' }] })).toBe(
      '{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Sid":"A"}],"Version":"2012-10-17"}',
    );
  });

  it('orders keys by code point, as Terraform does (uppercase first; astral characters last)', () => {
    expect(Object.keys(JSON.parse(jsonDocument({ b: 1, a: 1, B: 1, '\u{1F600}': 1, '\uFF5E': 1 })))).toEqual(['B', 'a', 'b', '\uFF5E', '\u{1F600}']);
  });

  it('escapes <, >, &, U+2028 and U+2029 as Terraform\'s jsonencode does', () => {
    expect(jsonDocument({ a: '<b> & \u2028\u2029' })).toBe('{"a":"\\u003cb\\u003e \\u0026 \\u2028\\u2029"}');
  });

  it('keeps the order of lists', () => {
    expect(jsonDocument({ resourceRequirements: [{ type: 'VCPU' }, { type: 'MEMORY' }] })).toBe('{"resourceRequirements":[{"type":"VCPU"},{"type":"MEMORY"}]}');
  });
});

describe('parseJsonDocument: only what jsonencode() reproduces byte for byte', () => {
  it('reads a canonical document', () => {
    expect(parseJsonDocument('{"a":[1,"x",null,true],"b":{}}')).toEqual({ a: [1, 'x', null, true], b: {} });
  });

  it.each([
    ['unsorted keys', '{"b":1,"a":2}'],
    ['whitespace', '{"a": 1}'],
    ['an unescaped <', '{"a":"<"}'],
    ['a number Terraform writes without an exponent', '{"a":1e+21}'],
    ['a number past 2^53', '{"a":9007199254740993}'],
    ['minus zero', '{"a":-0}'],
    ['a lone surrogate', '{"a":"\\ud800"}'],
    ['a string, not a document', '"text"'],
    ['not JSON', '{a:1}'],
  ])('refuses %s', (_, text) => {
    expect(parseJsonDocument(text)).toBeUndefined();
  });
});
