type Q = { constructor?: "a" | "b"; __proto__?: string };
const q: Q = {};
type Q2 = { __proto__?: string };
const q2: Q2 = {};
type Q3 = { constructor?: "a" };
const q3: Q3 = {};
export { q, q2, q3 };
