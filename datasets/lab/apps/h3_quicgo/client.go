package main

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"net"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lucas-clemente/quic-go"
	"github.com/lucas-clemente/quic-go/http3"
)

var assetRef = regexp.MustCompile(`(?:href|src)=['"]((?:assets|img)/[^'"]+)['"]`)

// plan is what every user does: modes, sizes and times from the command line.
type plan struct {
	base                   string
	tls                    *tls.Config
	idle                   time.Duration
	modes                  []string
	pages                  int
	dlSizes                []int
	upMin, upMax           int
	thinkMin, thinkMax     float64
	sessionMin, sessionMax float64
	gapMin, gapMax         float64
	requests, bytes, fails int64
}

func uniform(rng *rand.Rand, lo, hi float64) time.Duration {
	return time.Duration((lo + rng.Float64()*(hi-lo)) * float64(time.Second))
}

func (p *plan) get(c *http.Client, method, path string, body []byte) ([]byte, error) {
	req, err := http.NewRequest(method, p.base+path, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", "quic-go-lab")
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	atomic.AddInt64(&p.requests, 1)
	atomic.AddInt64(&p.bytes, int64(len(data)))
	return data, err
}

func (p *plan) step(c *http.Client, rng *rand.Rand, mode string) error {
	var err error
	switch mode {
	case "pages":
		page := "index.html"
		if rng.Float64() >= 0.3 {
			page = fmt.Sprintf("p%d.html", 1+rng.Intn(p.pages-1))
		}
		var html []byte
		if html, err = p.get(c, "GET", "/"+page, nil); err != nil {
			return err
		}
		seen := map[string]bool{}
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for _, m := range assetRef.FindAllSubmatch(html, -1) {
			a := string(m[1])
			if seen[a] {
				continue
			}
			seen[a] = true
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, e := p.get(c, "GET", "/"+a, nil); e != nil {
					select {
					case errs <- e:
					default:
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		err = <-errs
	case "api":
		if rng.Float64() < 0.5 {
			_, err = p.get(c, "GET", fmt.Sprintf("/api/items?n=%d", 1+rng.Intn(60)), nil)
		} else {
			_, err = p.get(c, "GET", "/api/status", nil)
		}
	case "poll":
		_, err = p.get(c, "GET", fmt.Sprintf("/api/poll?wait=%d", 2+rng.Intn(14)), nil)
	case "upload":
		body := make([]byte, p.upMin+rng.Intn(p.upMax-p.upMin+1))
		rng.Read(body)
		_, err = p.get(c, "POST", "/api/upload", body)
	default:
		_, err = p.get(c, "GET", fmt.Sprintf("/dl/%d", p.dlSizes[rng.Intn(len(p.dlSizes))]), nil)
	}
	return err
}

// session is one QUIC connection (its own RoundTripper) used until end.
func (p *plan) session(rng *rand.Rand, mode string, end time.Time) error {
	rt := &http3.RoundTripper{TLSClientConfig: p.tls, QuicConfig: &quic.Config{MaxIdleTimeout: p.idle}}
	defer rt.Close()
	c := &http.Client{Transport: rt, Timeout: 90 * time.Second}
	for time.Now().Before(end) {
		if err := p.step(c, rng, mode); err != nil {
			return err
		}
		time.Sleep(uniform(rng, p.thinkMin, p.thinkMax))
	}
	return nil
}

func (p *plan) user(seed int64, until time.Time, wg *sync.WaitGroup) {
	defer wg.Done()
	rng := rand.New(rand.NewSource(seed))
	time.Sleep(uniform(rng, 0, p.gapMax))
	for time.Now().Before(until) {
		mode := p.modes[rng.Intn(len(p.modes))]
		end := time.Now().Add(uniform(rng, p.sessionMin, p.sessionMax))
		if end.After(until) {
			end = until
		}
		if err := p.session(rng, mode, end); err != nil {
			atomic.AddInt64(&p.fails, 1)
		}
		time.Sleep(uniform(rng, p.gapMin, p.gapMax))
	}
}

func ints(s string) []int {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bad number:", f)
			os.Exit(2)
		}
		out = append(out, n)
	}
	return out
}

func clientMain(args []string) {
	fs := flag.NewFlagSet("client", flag.ExitOnError)
	host := fs.String("host", "", "server address")
	port := fs.Int("port", 443, "server UDP port")
	serverName := fs.String("server-name", "lab.test", "TLS server name")
	cafile := fs.String("cafile", "", "PEM CA certificate")
	clients := fs.Int("clients", 4, "users")
	duration := fs.Float64("duration", 60, "seconds")
	modes := fs.String("mode", "pages,api,poll,upload,download", "session modes")
	p := &plan{}
	fs.IntVar(&p.pages, "pages", 6, "pages of the site")
	dl := fs.String("dl-sizes", "30000,200000,800000", "download sizes")
	fs.IntVar(&p.upMin, "up-min", 2000, "smallest upload")
	fs.IntVar(&p.upMax, "up-max", 60000, "largest upload")
	fs.Float64Var(&p.thinkMin, "think-min", 0.3, "")
	fs.Float64Var(&p.thinkMax, "think-max", 5, "")
	fs.Float64Var(&p.sessionMin, "session-min", 5, "")
	fs.Float64Var(&p.sessionMax, "session-max", 30, "")
	fs.Float64Var(&p.gapMin, "gap-min", 0.5, "")
	fs.Float64Var(&p.gapMax, "gap-max", 6, "")
	fs.DurationVar(&p.idle, "idle-timeout", 30*time.Second, "QUIC idle timeout")
	seed := fs.Int64("seed", 1, "random seed")
	fs.Parse(args)
	pem, err := os.ReadFile(*cafile)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(pem)
	p.tls = &tls.Config{RootCAs: roots, ServerName: *serverName}
	p.base = "https://" + net.JoinHostPort(*host, strconv.Itoa(*port))
	p.modes = strings.Split(*modes, ",")
	p.dlSizes = ints(*dl)
	until := time.Now().Add(time.Duration(*duration * float64(time.Second)))
	var wg sync.WaitGroup
	for n := 0; n < *clients; n++ {
		wg.Add(1)
		go p.user(*seed*1000+int64(n), until, &wg)
	}
	wg.Wait()
	fmt.Fprintf(os.Stderr, "h3-quicgo client: %d requests, %d bytes, %d failed sessions\n", p.requests, p.bytes, p.fails)
}
