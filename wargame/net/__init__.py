"""Network play: a host serves one `Session` over WebSocket; teams and observers join from their own terminals.

- `wargame.net.protocol`: the messages (attrs classes, JSON through the one converter), `encode`, `decode`,
  `redact`, PROTOCOL_VERSION and the close codes.
- `wargame.net.host`: `Host`, which owns the `Session`, checks join codes and adjudicates.
- `wargame.net.client`: `Client`, UI-free and async, for the join screens.
- `wargame.net.codes`: join codes and their salted hashes.

Nothing here imports Textual; `protocol` does not import websockets either, so the converter can use it.
"""
