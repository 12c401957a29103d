// The quantity parser ("7B", "2T", "$500k", "40%", "30d") for both ends of the webview protocol:
// the webviews parse what-if and budget inputs with the same rules the readers use for files.
// The parser itself is pure and lives with the readers; this is the webviews' one way to it.

export { parseQuantity, type Parsed, type QuantityKind } from '../read/quantity';
