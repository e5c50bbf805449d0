import crypto from 'node:crypto';
import { REVEAL_SEAL_INFO, type SealedText } from '../../server/src/protocol';

/**
 * A one-time X25519 key pair for one Reveal Secrets request: the server seals the row to its
 * public half (server/src/revealSeal.ts), so the secrets never cross the protocol, or its trace
 * in the output channel, in clear. Only this object can open the answer.
 */
export class RevealKey {
  private readonly pair = crypto.generateKeyPairSync('x25519');

  /** SPKI DER in base64, for `StoreRowParams.reveal.publicKey`. */
  get publicKey(): string {
    return this.pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  }

  /** The sealed text in clear; throws when it was not sealed to this key or was altered. */
  open(sealed: SealedText): string {
    const peer = crypto.createPublicKey({ key: Buffer.from(sealed.publicKey, 'base64'), format: 'der', type: 'spki' });
    const key = Buffer.from(crypto.hkdfSync('sha256', crypto.diffieHellman({ privateKey: this.pair.privateKey, publicKey: peer }), Buffer.alloc(0), REVEAL_SEAL_INFO, 32));
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  }
}
