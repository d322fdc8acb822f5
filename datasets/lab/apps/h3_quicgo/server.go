package main

import (
	"crypto/tls"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/lucas-clemente/quic-go"
	"github.com/lucas-clemente/quic-go/http3"
)

const maxDownload = 20_000_000

// site answers the lab's requests: static files under root, the API, downloads.
type site struct {
	root   http.Handler
	altSvc string
	mu     sync.Mutex
	rng    *rand.Rand
}

func (s *site) float() float64 { s.mu.Lock(); defer s.mu.Unlock(); return s.rng.Float64() }
func (s *site) intn(n int) int { s.mu.Lock(); defer s.mu.Unlock(); return s.rng.Intn(n) }

func queryFloat(r *http.Request, keys ...string) (float64, bool) {
	for _, k := range keys {
		if v, err := strconv.ParseFloat(r.URL.Query().Get(k), 64); err == nil {
			return v, true
		}
	}
	return 0, false
}

func writeJSON(w http.ResponseWriter, v interface{}) {
	body, _ := json.Marshal(v)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Write(body)
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Alt-Svc", s.altSvc)
	w.Header().Set("Server", "lab-h3-quicgo")
	path := r.URL.Path
	switch {
	case path == "/api/status":
		writeJSON(w, map[string]interface{}{"ok": true, "load": s.float()})
	case path == "/api/items":
		n := 3 + s.intn(38)
		if q, ok := queryFloat(r, "n"); ok {
			n = int(q)
		}
		n = max(1, min(200, n))
		items := make([]map[string]interface{}, n)
		for i := range items {
			items[i] = map[string]interface{}{"id": 1 + s.intn(1000000), "name": fmt.Sprintf("item%d", i), "score": s.float()}
		}
		writeJSON(w, map[string]interface{}{"items": items})
	case path == "/api/poll":
		wait, ok := queryFloat(r, "wait", "timeout")
		if !ok {
			wait = 10
		}
		wait = float64(max(0, min(60, int(wait))))
		if s.float() < 0.6 {
			wait = 0.1 + s.float()*wait
		}
		select {
		case <-time.After(time.Duration(wait * float64(time.Second))):
		case <-r.Context().Done():
			return
		}
		writeJSON(w, map[string]interface{}{"event": 1 + s.intn(1000000000)})
	case path == "/api/upload" && (r.Method == http.MethodPost || r.Method == http.MethodPut):
		n, _ := io.Copy(io.Discard, r.Body)
		writeJSON(w, map[string]interface{}{"received": n})
	case strings.HasPrefix(path, "/dl/"):
		n, err := strconv.Atoi(path[4:])
		if err != nil {
			http.NotFound(w, r)
			return
		}
		n = min(n, maxDownload)
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Length", strconv.Itoa(n))
		buf := make([]byte, 32*1024)
		for n > 0 {
			k := min(n, len(buf))
			s.mu.Lock()
			s.rng.Read(buf[:k])
			s.mu.Unlock()
			if _, err := w.Write(buf[:k]); err != nil {
				return
			}
			n -= k
		}
	default:
		s.root.ServeHTTP(w, r)
	}
}

func min(a, b int) int {
	if a < b {
		return a
	}
	return b
}

func max(a, b int) int {
	if a > b {
		return a
	}
	return b
}

func serverMain(args []string) {
	fs := flag.NewFlagSet("server", flag.ExitOnError)
	listen := fs.String("listen", "", "ADDR:PORT (UDP)")
	cert := fs.String("cert", "", "PEM certificate")
	key := fs.String("key", "", "PEM key")
	root := fs.String("root", "", "site directory")
	seed := fs.Int64("seed", 1, "random seed")
	idle := fs.Duration("idle-timeout", 30*time.Second, "QUIC idle timeout")
	fs.Parse(args)
	_, port, err := net.SplitHostPort(*listen)
	if err != nil {
		fmt.Fprintln(os.Stderr, "--listen:", err)
		os.Exit(2)
	}
	pair, err := tls.LoadX509KeyPair(*cert, *key)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	handler := &site{root: http.FileServer(http.Dir(*root)), altSvc: fmt.Sprintf(`h3=":%s"; ma=3600`, port),
		rng: rand.New(rand.NewSource(*seed))}
	srv := &http3.Server{
		Addr:       *listen,
		Handler:    handler,
		TLSConfig:  &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS13},
		QuicConfig: &quic.Config{MaxIdleTimeout: *idle},
	}
	fmt.Printf("h3-quicgo server: listening on udp %s\n", *listen)
	if err := srv.ListenAndServe(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
