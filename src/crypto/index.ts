// Public API of the crypto module: certificates for receiving services and the CMS EnvelopedData
// packages the portal sends them.
export { CryptoInputError, type CryptoErrorCode } from './errors.ts';
export { pemToDer, derToPem } from './pem.ts';
export {
  generateServiceCredentials,
  parseCertificate,
  isCertificateValidAt,
  type ServiceCredentialsOptions,
  type ServiceCredentials,
  type CertificateInfo,
} from './certificates.ts';
export { encryptEnvelopedData, decryptEnvelopedData, type EncryptOptions } from './cms.ts';
