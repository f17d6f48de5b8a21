import { describe, it, expect } from 'vitest';
import { buildPayload, renderTemplate, templatePlaceholders, validateTemplate, TemplateError } from '../src/delivery/transform';
import type { Endpoint, WebhookEvent } from '../src/types';

const event: WebhookEvent = {
  id: 'evt_test',
  tenantId: 'ten_test',
  type: 'order.created',
  payload: { orderId: 'o-1', total: 12.5 },
  source: 'api',
  receivedAt: Date.UTC(2024, 0, 2, 3, 4, 5),
};

const endpoint: Endpoint = {
  id: 'end_test',
  tenantId: 'ten_test',
  url: 'https://example.test/hook',
  eventTypes: ['*'],
  conditions: [],
  headers: {},
  active: true,
  createdAt: 0,
};

describe('renderTemplate', () => {
  it('replaces placeholders and tolerates whitespace', () => {
    expect(renderTemplate('{{ id }}:{{type}}', { id: 'x', type: 'y' })).toBe('x:y');
  });

  it('renders missing values as empty strings and objects as JSON', () => {
    expect(renderTemplate('[{{missing}}]', {})).toBe('[]');
    expect(renderTemplate('{{obj}}', { obj: { a: 1 } })).toBe('{"a":1}');
  });

  it('lists placeholders', () => {
    expect(templatePlaceholders('{{a}} and {{ b }}')).toEqual(['a', 'b']);
  });
});

describe('buildPayload', () => {
  it('sends the JSON envelope when no template is set', () => {
    const body = JSON.parse(buildPayload(endpoint, event));
    expect(body).toEqual({
      id: 'evt_test',
      type: 'order.created',
      tenant: 'ten_test',
      created: '2024-01-02T03:04:05.000Z',
      data: { orderId: 'o-1', total: 12.5 },
    });
  });

  it('renders the endpoint template', () => {
    const templated = { ...endpoint, template: '{"text":"{{type}} {{id}}"}' };
    expect(buildPayload(templated, event)).toBe('{"text":"order.created evt_test"}');
  });
});

describe('validateTemplate', () => {
  it('rejects unbalanced braces', () => {
    expect(() => validateTemplate('{{id')).toThrow(TemplateError);
  });
});
