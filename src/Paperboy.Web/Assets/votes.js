// Upvote buttons without a page reload: the same form post the button makes without JavaScript, answered in JSON.
(() => {
  "use strict";

  document.addEventListener("submit", async (event) => {
    const form = event.target.closest("form[data-upvote]");
    if (!form) return;
    event.preventDefault();
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      // getAttribute, because form.action would name a field called "action" if the form had one.
      const response = await fetch(form.getAttribute("action"), {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) {
        // Signed out meanwhile, or the paper is gone: let the server's page say so.
        form.submit();
        return;
      }
      const vote = await response.json();
      form.querySelector(".count, .upvote-count").textContent = vote.upvotes;
      form.querySelector("input[name=vote]").value = vote.upvoted ? "remove" : "add";
      form.classList.toggle("voted", vote.upvoted);
      button.setAttribute("aria-pressed", vote.upvoted ? "true" : "false");
      button.title = vote.upvoted ? "Take back your upvote" : "Upvote";
    } finally {
      button.disabled = false;
    }
  });
})();
