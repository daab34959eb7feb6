/**
 * Is WebSocket usable again (issue 9)? A bare socket to the document's address, with the
 * editor's token, that touches neither the Y.Doc nor presence: the editor keeps working
 * over HTTP while it runs. The server speaks first (sync step 1, SPEC: WebSocket), so a
 * frame arriving proves the upgrade and binary frames both pass whatever is in between;
 * an upgrade alone does not, since some proxies accept it and then hold every frame.
 */
type WebSocketClass = new (url: string) => WebSocket;

export function probeWebSocket(url: string, timeoutMs: number, Socket: WebSocketClass): Promise<boolean> {
  return new Promise((resolve) => {
    let socket: WebSocket;
    try {
      socket = new Socket(url);
    } catch {
      resolve(false);
      return;
    }
    const finish = (isUsable: boolean): void => {
      clearTimeout(timer);
      socket.onmessage = socket.onclose = socket.onerror = null;
      socket.close();
      resolve(isUsable);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.onmessage = () => finish(true);
    socket.onclose = () => finish(false);
    socket.onerror = () => finish(false);
  });
}
