// Re-exports the seeded fixture generator, now split by concept under ./generator/.
export { generateAccount, deriveCallbackSecret, type GenerateAccountOptions } from './generator/index.js';
