import { describe, expect, it } from 'vitest';
import { curlExample } from './apiToken';

describe('curl example', () => {
  it('sends the token as a bearer token to the contacts search', () => {
    expect(curlExample('http://127.0.0.1:8092/', 'gx_abc')).toBe(`curl -H 'Authorization: Bearer gx_abc' 'http://127.0.0.1:8092/api/v1/contacts?q=zs'`);
  });

  it('quotes for the shell', () => {
    expect(curlExample('https://crm.example.com', "it's")).toBe(`curl -H 'Authorization: Bearer it'\\''s' 'https://crm.example.com/api/v1/contacts?q=zs'`);
  });
});
