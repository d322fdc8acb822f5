// h3-quicgo: the lab's HTTP/3 server and client on quic-go's http3 package (Debian's
// golang-github-lucas-clemente-quic-go-dev), built by datasets/lab/install.sh in GOPATH mode.
//
//	h3-quicgo server --listen ADDR:PORT --cert server.crt --key server.key --root SITE [--seed 1]
//	h3-quicgo client --host IP --port N --cafile ca.crt [--clients 4] [--duration 60] [--mode ...]
//
// The server answers like apps/h3_server.py (site, /api/status|items|poll|upload, /dl/<N>, Alt-Svc);
// the client runs users whose sessions are one QUIC connection each (see client.go).
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: h3-quicgo server|client [options]")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "server":
		serverMain(os.Args[2:])
	case "client":
		clientMain(os.Args[2:])
	default:
		fmt.Fprintln(os.Stderr, "usage: h3-quicgo server|client [options]")
		os.Exit(2)
	}
}
