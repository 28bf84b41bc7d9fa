import { createHmac } from 'node:crypto';
import type { AuthorKeys } from '@peerloop/core';

/**
 * Pseudonyms for askers and voters: HMAC-SHA256 of tenant and user id under a secret key (Key Vault in
 * Azure). Stable, so a person finds their own questions and the rate limit counts them; one-way without the
 * key. Lower-case hex, because the key is also a property name in a question's voters map (the embedded
 * store's patch conditions mishandle mixed-case property names). Who could re-identify whom is written in docs/adr/0005-anonymous-questions.md.
 */
export class HmacAuthorKeys implements AuthorKeys {
  constructor(private readonly key: string) {
    if (key.length < 32) throw new Error('the anonymity hash key must be at least 32 characters');
  }

  keyFor(tenantId: string, userId: string): string {
    return createHmac('sha256', this.key).update(`${tenantId}\n${userId}`).digest('hex');
  }
}
