import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AMAZON_ROOT_CA_1_PEM } from './amazon-root-ca.js';

describe('Amazon Root CA 1', () => {
  it('is the published certificate (subject and SHA-256 fingerprint from amazontrust.com)', () => {
    const certificate = new X509Certificate(AMAZON_ROOT_CA_1_PEM);
    expect(certificate.subject).toBe('C=US\nO=Amazon\nCN=Amazon Root CA 1');
    expect(certificate.fingerprint256).toBe(
      '8E:CD:E6:88:4F:3D:87:B1:12:5B:A3:1A:C3:FC:B1:3D:70:16:DE:7F:57:CC:90:4F:E1:CB:97:C6:AE:98:19:6E',
    );
    expect(certificate.ca).toBe(true);
  });
});
