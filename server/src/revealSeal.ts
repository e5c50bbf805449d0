import crypto from 'node:crypto';
import { REVEAL_SEAL_INFO, type SealedText } from './protocol.js';

/**
 * Seals `text` for the one client holding the private half of `clientPublicKey` (X25519, SPKI DER
 * in base64): a fresh key pair per message, HKDF-SHA256, AES-256-GCM. The revealed row then
 * crosses the protocol, and any trace of it, unreadable. Throws on a key that is not X25519.
 */
export function sealText(text: string, clientPublicKey: string): SealedText {
  const peer = crypto.createPublicKey({ key: Buffer.from(clientPublicKey, 'base64'), format: 'der', type: 'spki' });
  if (peer.asymmetricKeyType !== 'x25519') throw new Error('The reveal key is not an X25519 public key.');
  const own = crypto.generateKeyPairSync('x25519');
  const key = Buffer.from(crypto.hkdfSync('sha256', crypto.diffieHellman({ privateKey: own.privateKey, publicKey: peer }), Buffer.alloc(0), REVEAL_SEAL_INFO, 32));
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return {
    publicKey: own.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}
