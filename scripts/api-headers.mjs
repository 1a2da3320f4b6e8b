// Headers every embedded-API answer carries: it answers JSON only, never a page to frame or sniff.
// next.config.mjs gives them to the answers Next serves; scripts/serve.mjs's direct path adds them itself.
export const API_HEADERS = [
  { key: "content-security-policy", value: "default-src 'none'; frame-ancestors 'none'" },
  { key: "x-content-type-options", value: "nosniff" },
  { key: "x-frame-options", value: "DENY" },
  { key: "referrer-policy", value: "same-origin" },
];
