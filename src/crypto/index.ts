// Public API of the crypto module: certificates for receiving services and the portal, the CMS
// EnvelopedData packages the portal sends, and the CAdES detached signature inside them.
export { CryptoInputError, type CryptoErrorCode } from './errors.ts';
export { pemToDer, derToPem } from './pem.ts';
export {
  generateServiceCredentials,
  parseCertificate,
  isCertificateValidAt,
  type CertificateUsage,
  type ServiceCredentialsOptions,
  type ServiceCredentials,
  type CertificateInfo,
} from './certificates.ts';
export { encryptEnvelopedData, decryptEnvelopedData, type EncryptOptions } from './cms.ts';
export {
  signDetached,
  verifyDetached,
  type SignerCredentials,
  type SignOptions,
  type VerifyOptions,
  type VerifiedSignature,
} from './signature.ts';
