// The sign-in form, the signed-in user in the header, and signing out. The form shows the server's
// reason for a refusal and, while the account is locked, counts down the seconds to wait.

import { $ } from "./dom.js";
import { login, logout, onEnded, user } from "./session.js";

let lockCountdown = null;

function showForm(note) {
  $("app").hidden = true;
  $("login").hidden = false;
  $("login-error").textContent = "";
  $("login-note").textContent = note || "";
  $("password").value = "";
  $("username").focus();
}

function refuse(message) {
  $("login-error").textContent = message;
  $("password").value = "";
  $("password").focus();
}

/** Keeps the form closed for the lock's seconds, saying how many are left. */
function locked(seconds) {
  clearInterval(lockCountdown);
  const submit = $("login-submit");
  let left = seconds;
  const tick = () => {
    if (left <= 0) {
      clearInterval(lockCountdown);
      submit.disabled = false;
      $("login-error").textContent = "";
      return;
    }
    $("login-error").textContent = `locked, try again in ${left} s`;
    left -= 1;
  };
  submit.disabled = true;
  tick();
  lockCountdown = setInterval(tick, 1000);
}

/** The header line: who is signed in, as what, over which jurisdiction. */
export function showSignedIn(u, jurisdictionName) {
  $("user-name").textContent = u.name;
  $("user-role").textContent = u.role;
  $("user-jurisdiction").textContent = jurisdictionName ? `${jurisdictionName} ${u.jurisdiction}` : u.jurisdiction;
  $("user-clearance").textContent = u.clearance === "full" ? "" : "personal data masked";
}

/**
 * Wires the form and the sign-out button. onSignedIn runs once the session exists (also on a reload
 * of the page with a live session); onSignedOut runs before the form comes back, whatever the cause.
 */
export function startSignIn({ onSignedIn, onSignedOut }) {
  const enter = () => {
    $("login").hidden = true;
    $("app").hidden = false;
    onSignedIn();
  };
  $("login-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const name = $("username").value.trim();
    const password = $("password").value;
    if (!name || !password) {
      refuse("enter your user name and password");
      return;
    }
    const submit = $("login-submit");
    submit.disabled = true;
    $("login-error").textContent = "";
    $("login-note").textContent = "";
    try {
      await login(name, password);
      $("password").value = "";
      submit.disabled = false;
      enter();
    } catch (e) {
      if (e.status === 429 && Number.isFinite(e.retryAfter) && e.retryAfter > 0) {
        $("password").value = "";
        locked(e.retryAfter);
      } else {
        submit.disabled = false;
        refuse(e.message);
      }
    }
  });
  $("logout").addEventListener("click", async () => {
    onSignedOut();
    await logout();
    showForm("signed out");
  });
  onEnded((why) => {
    onSignedOut();
    showForm(why);
  });
  if (user()) enter();
  else showForm("");
}
