"""A county clerk fills the month form in a real browser: headless Chromium, driven over the DevTools
protocol (websocket-client), signs in, types each figure into its field as keystrokes would
(Input.insertText into the focused field), saves, and submits the month.

fill_month_form.py BASE NAME PASSWORD PATH FIGURES_JSON PROFILE_DIR
Prints {"status": the page's status line after submitting, "saved": the field values the page showed after saving}.
"""
import json
import socket
import subprocess
import sys
import time
import urllib.request

import websocket


class Page:
    def __init__(self, url):
        self.socket = websocket.create_connection(url, timeout=60)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def wait_for_load(self, action):
        """Runs action (a navigation or a click) and waits for the page it leads to."""
        self.call("Page.enable")
        action()
        deadline = time.time() + 60
        while time.time() < deadline:
            message = json.loads(self.socket.recv())
            if message.get("method") == "Page.loadEventFired":
                return
        raise RuntimeError("the page did not load")

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def type_into(self, selector, text):
        found = self.evaluate(f"(() => {{ const e = document.querySelector({json.dumps(selector)}); if (!e) return false;"
                              " e.focus(); e.select && e.select(); return true; })()")
        if not found:
            raise RuntimeError(f"no field {selector} on {self.evaluate('location.href')}")
        self.call("Input.insertText", text=text)

    def click(self, selector):
        self.wait_for_load(lambda: self.evaluate(f"document.querySelector({json.dumps(selector)}).click()"))


def main(base, name, password, path, figures_json, profile):
    figures = json.loads(figures_json)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    browser = subprocess.Popen(["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
                                f"--remote-debugging-port={port}", "--remote-debugging-address=127.0.0.1", "about:blank"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5))
                pages = [t for t in targets if t.get("type") == "page"]
                if pages:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            raise RuntimeError("Chromium did not start")
        page = Page(pages[0]["webSocketDebuggerUrl"])
        # The form page sends an unsigned visitor to sign in, and back after.
        page.wait_for_load(lambda: page.call("Page.navigate", url=base + path))
        page.type_into('input[name="name"]', name)
        page.type_into('input[name="password"]', password)
        page.click('form[action="/login"] button')
        for key, value in figures.items():
            page.type_into(f'input[name="{key}"]', str(value))
        page.click("#save")
        saved = page.evaluate("Object.fromEntries([...document.querySelectorAll('#figures input[name]')]"
                              ".filter(e => e.name !== 'csrf').map(e => [e.name, e.value]))")
        page.click("#submit")
        print(json.dumps({"status": page.evaluate("document.getElementById('status').textContent"), "saved": saved},
                         ensure_ascii=False))
    finally:
        browser.terminate()
        browser.wait(timeout=30)


if __name__ == "__main__":
    main(*sys.argv[1:])
