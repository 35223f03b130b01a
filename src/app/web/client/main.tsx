import "./styles.css";
import { render } from "preact";
import { App } from "./App.js";

// The server-rendered page (a question's full text) is replaced by the app, which starts from the same data.
const root = document.getElementById("app");
if (root) {
  root.replaceChildren();
  render(<App />, root);
}
