// Public API of the crypto module: certificates for receiving services and the portal, the CMS
// EnvelopedData packages the portal sends, and the CAdES detached signature inside them.
export { CryptoInputError, type CryptoErrorCode } from './errors.ts';
export { pemToDer, derToPem } from './pem.ts';
export { parseCertificate, isCertificateValidAt, type CertificateInfo } from './certificates.ts';
export {
  generateServiceCredentials,
  type CertificateUsage,
  type ServiceCredentialsOptions,
  type ServiceCredentials,
} from './generate-service-credentials.ts';
export { encryptEnvelopedData, decryptEnvelopedData, type EncryptOptions } from './cms.ts';
export { signDetached, type SignerCredentials, type SignOptions } from './sign-detached.ts';
export { verifyDetached, type VerifyOptions, type VerifiedSignature } from './verify-detached.ts';
