// A WinRM client as a Go user writes one with github.com/masterzen/winrm (Debian's
// golang-github-masterzen-winrm-dev, used by Packer and Terraform): Basic or NTLM (go-ntlmssp,
// which asks for neither signing nor sealing), over HTTP or HTTPS. Reads one JSON request on
// stdin, runs the command and prints {"stdout","stderr","exitCode","error"} as JSON.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/masterzen/winrm"
)

type request struct {
	Host     string   `json:"host"`
	Port     int      `json:"port"`
	HTTPS    bool     `json:"https"`
	CACert   string   `json:"cacert"`
	Auth     string   `json:"auth"`
	User     string   `json:"user"`
	Password string   `json:"password"`
	Command  string   `json:"command"`
	Args     []string `json:"args"`
}

type result struct {
	Stdout   string `json:"stdout"`
	Stderr   string `json:"stderr"`
	ExitCode int    `json:"exitCode"`
	Error    string `json:"error,omitempty"`
}

func run(r request) result {
	endpoint := winrm.NewEndpoint(r.Host, r.Port, r.HTTPS, false, []byte(r.CACert), nil, nil, 20*time.Second)
	params := winrm.DefaultParameters
	if r.Auth == "ntlm" {
		params.TransportDecorator = func() winrm.Transporter { return &winrm.ClientNTLM{} }
	}
	client, err := winrm.NewClientWithParameters(endpoint, r.User, r.Password, params)
	if err != nil {
		return result{Error: err.Error(), ExitCode: -1}
	}
	shell, err := client.CreateShell()
	if err != nil {
		return result{Error: err.Error(), ExitCode: -1}
	}
	defer shell.Close()
	cmd, err := shell.Execute(r.Command, r.Args...)
	if err != nil {
		return result{Error: err.Error(), ExitCode: -1}
	}
	var stdout, stderr strings.Builder
	done := make(chan bool, 2)
	go func() { buf := make([]byte, 4096); for { n, e := cmd.Stdout.Read(buf); stdout.Write(buf[:n]); if e != nil { break } }; done <- true }()
	go func() { buf := make([]byte, 4096); for { n, e := cmd.Stderr.Read(buf); stderr.Write(buf[:n]); if e != nil { break } }; done <- true }()
	cmd.Wait()
	<-done
	<-done
	cmd.Close()
	return result{Stdout: stdout.String(), Stderr: stderr.String(), ExitCode: cmd.ExitCode()}
}

func main() {
	var r request
	if err := json.NewDecoder(os.Stdin).Decode(&r); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	json.NewEncoder(os.Stdout).Encode(run(r))
}
