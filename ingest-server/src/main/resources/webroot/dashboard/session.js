// The signed-in user: the tokens from POST /api/auth/login, kept in sessionStorage (one browser tab,
// gone when it closes; never a cookie, so no request is sent with credentials the page did not add),
// refreshed before they expire, and the one fetch helper that puts the bearer token on every call.

const KEY = "sharpeyes.session";
const REFRESH_MARGIN = 0.2; // refresh when 80 % of the access token's life has passed
const MIN_REFRESH_DELAY_MS = 5_000;

let current = read();
let refreshTimer = null;
let refreshing = null; // the one refresh in flight, shared by everyone who needs it
const endedListeners = [];

/** A refusal the user should read: the problem's detail, and when locked the seconds to wait. */
export class Refusal extends Error {
  constructor(status, message, retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

function read() {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY));
    return s && s.accessToken && s.user ? s : null;
  } catch (e) {
    return null;
  }
}

function store(grant) {
  const now = Date.now();
  current = {
    accessToken: grant.accessToken,
    refreshToken: grant.refreshToken,
    expiresAt: now + grant.expiresIn * 1000,
    lifetimeMs: grant.expiresIn * 1000,
    refreshExpiresAt: grant.refreshExpiresIn ? now + grant.refreshExpiresIn * 1000 : null,
    user: grant.user,
  };
  sessionStorage.setItem(KEY, JSON.stringify(current));
  scheduleRefresh();
}

function clear() {
  current = null;
  sessionStorage.removeItem(KEY);
  clearTimeout(refreshTimer);
  refreshTimer = null;
}

function scheduleRefresh() {
  clearTimeout(refreshTimer);
  if (!current || !current.refreshToken) return;
  const due = current.expiresAt - current.lifetimeMs * REFRESH_MARGIN - Date.now();
  refreshTimer = setTimeout(() => {
    refresh().catch(() => end("your session has ended; please sign in again"));
  }, Math.max(due, MIN_REFRESH_DELAY_MS));
}

/** The user of the session ({name, role, jurisdiction, clearance}), or null when signed out. */
export function user() {
  return current ? current.user : null;
}

/** The access token of the session, or null. */
export function accessToken() {
  return current ? current.accessToken : null;
}

/** Called with a sentence when the session ends without the user asking (expired, revoked). */
export function onEnded(listener) {
  endedListeners.push(listener);
}

function end(why) {
  if (!current) return;
  clear();
  for (const l of endedListeners) l(why);
}

/** What a problem+json reply says, as one sentence. */
export async function problemText(response) {
  try {
    const p = await response.json();
    return p.detail || p.title || `the server answered ${response.status}`;
  } catch (e) {
    return `the server answered ${response.status}`;
  }
}

function postJson(url, body) {
  return fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
    credentials: "omit",
  });
}

async function grantFrom(response) {
  if (response.ok) return response.json();
  const text = await problemText(response);
  if (response.status === 429) {
    const seconds = parseInt(response.headers.get("Retry-After") || "", 10);
    const wait = Number.isFinite(seconds) ? seconds : null;
    throw new Refusal(429, wait === null ? "locked: " + text : `locked, try again in ${wait} s`, wait);
  }
  throw new Refusal(response.status, text, null);
}

/** Signs in; resolves to the user, or rejects with a {@link Refusal} saying why not. */
export async function login(username, password) {
  let response;
  try {
    response = await postJson("/api/auth/login", { username, password });
  } catch (e) {
    throw new Refusal(0, "the server cannot be reached: " + e.message, null);
  }
  store(await grantFrom(response));
  return current.user;
}

/** Trades the refresh token for a new pair; concurrent callers share one request. */
export function refresh() {
  if (!current || !current.refreshToken) return Promise.reject(new Refusal(401, "no session", null));
  if (!refreshing) {
    const token = current.refreshToken;
    refreshing = postJson("/api/auth/refresh", { refreshToken: token })
      .then(grantFrom)
      .then((grant) => {
        store(grant);
        return current.user;
      })
      .finally(() => {
        refreshing = null;
      });
  }
  return refreshing;
}

/** Signs out on the server (the token stops working) and forgets the session here. */
export async function logout() {
  const token = accessToken();
  clear();
  if (token) {
    try {
      await fetch("/api/auth/logout", {
        method: "POST", headers: { Authorization: "Bearer " + token }, credentials: "omit" });
    } catch (e) {
      // the token is forgotten here either way; it expires on its own
    }
  }
}

function withToken(init) {
  const headers = new Headers((init && init.headers) || {});
  headers.set("Authorization", "Bearer " + accessToken());
  return { ...init, headers, credentials: "omit" };
}

/**
 * fetch() with the bearer token. A 401 is answered by one refresh and one retry; when that fails too
 * the session ends (the page shows the sign-in form) and the 401 response is returned.
 */
export async function authFetch(url, init) {
  if (!current) throw new Refusal(401, "not signed in", null);
  const response = await fetch(url, withToken(init));
  if (response.status !== 401) return response;
  try {
    await refresh();
  } catch (e) {
    end("your session has ended; please sign in again");
    return response;
  }
  const again = await fetch(url, withToken(init));
  if (again.status === 401) end("your session has ended; please sign in again");
  return again;
}

/** GET a JSON document with the token; rejects with a {@link Refusal} carrying the problem's detail. */
export async function getJson(url) {
  const response = await authFetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Refusal(response.status, await problemText(response), null);
  return response.json();
}

if (current) scheduleRefresh();
