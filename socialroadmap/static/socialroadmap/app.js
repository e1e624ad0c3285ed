// Show the server's message when an htmx request is refused (e.g. 409: someone else
// changed the item), instead of failing silently. No build step: plain script.
document.addEventListener("htmx:responseError", function (event) {
  var xhr = event.detail.xhr;
  var list = document.querySelector("ul.messages");
  if (!list) {
    list = document.createElement("ul");
    list.className = "messages";
    list.setAttribute("role", "status");
    document.querySelector("main.content").prepend(list);
  }
  var item = document.createElement("li");
  item.className = "msg error";
  item.textContent = (xhr && xhr.responseText) || "Something went wrong; reload the page.";
  list.appendChild(item);
});
