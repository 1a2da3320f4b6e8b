export const API_HEADERS: { key: string; value: string }[];
