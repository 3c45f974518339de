// The operator's controls: pause, resume or retire the open agent; pause or resume the floor. Each asks
// the reason field, POSTs with the control header, and shows the floor's answer.
import { control } from "./api.js";
import { byId } from "./format.js";
import { openAgent } from "./statechart.js";

async function send(path, label) {
  const answer = byId("answer");
  answer.className = "";
  answer.textContent = `${label}: sending…`;
  const { status, body } = await control(path, byId("reason").value.trim());
  const ok = status >= 200 && status < 300 && body.ok !== false;
  answer.className = ok ? "ok" : "refused";
  answer.textContent = `${label}: ${status} ${ok ? "accepted" : "refused"}` + (body.error ? ` — ${body.error}` : "") + (body.reason ? ` (by ${body.by}, reason: ${body.reason})` : "") + (body.outcome ? ` (${body.outcome})` : "");
}

export function initControls() {
  for (const b of document.querySelectorAll("button[data-floor]")) b.addEventListener("click", () => send(`/api/floor/${b.dataset.floor}`, `${b.dataset.floor} the floor`));
  for (const b of document.querySelectorAll("#agent-controls button[data-control]")) {
    b.addEventListener("click", () => {
      const id = openAgent();
      if (!id) return;
      const verb = b.dataset.control;
      // Retiring ends the agent for good: asked once more.
      if (verb === "retire" && !confirm(`Retire ${id}? It stops trading and leaves the floor.`)) return;
      void send(`/api/agents/${encodeURIComponent(id)}/${verb}`, `${verb} ${id}`);
    });
  }
}
