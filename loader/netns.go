package loader

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Netns is a network namespace with a veth pair inside, for tests that attach pipelines to
// real interfaces: frames written to Peer arrive at Iface.
type Netns struct {
	Name  string
	Iface string
	Peer  string
}

// ipTool is iproute2's ip: from PATH, else where distributions put it (test runners and
// `bazel test` give a minimal PATH).
func ipTool() string {
	if p, err := exec.LookPath("ip"); err == nil {
		return p
	}
	for _, p := range []string{"/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return "ip"
}

func ip(args ...string) error {
	out, err := exec.Command(ipTool(), args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("ip %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}

// NewNetns creates namespace name holding the veth pair iface/peer, both up, with IPv6 off
// so that the kernel sends nothing through them by itself.
func NewNetns(name, iface, peer string) (*Netns, error) {
	if err := ip("netns", "add", name); err != nil {
		return nil, err
	}
	n := &Netns{Name: name, Iface: iface, Peer: peer}
	// /proc/sys/net is the namespace of the thread that opens it.
	err := n.Do(func() error {
		for _, k := range []string{"all", "default"} {
			if err := os.WriteFile("/proc/sys/net/ipv6/conf/"+k+"/disable_ipv6", []byte("1"), 0o644); err != nil {
				return fmt.Errorf("disable IPv6 in %s: %w", name, err)
			}
		}
		return nil
	})
	if err != nil {
		n.Close()
		return nil, err
	}
	steps := [][]string{
		{"-n", name, "link", "add", iface, "type", "veth", "peer", "name", peer},
		{"-n", name, "link", "set", iface, "up"},
		{"-n", name, "link", "set", peer, "up"},
	}
	for _, s := range steps {
		if err := ip(s...); err != nil {
			n.Close()
			return nil, err
		}
	}
	// GRO would merge consecutive TCP frames of a flow into one packet before TC sees them.
	err = n.Do(func() error {
		for _, ifc := range []string{iface, peer} {
			if err := setGRO(ifc, false); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		n.Close()
		return nil, err
	}
	return n, nil
}

// setGRO switches generic receive offload of an interface (ethtool -K IFACE gro on|off).
func setGRO(iface string, on bool) error {
	const ethtoolSGRO = 0x2c
	ev := struct{ cmd, data uint32 }{cmd: ethtoolSGRO}
	if on {
		ev.data = 1
	}
	var ifr struct {
		name [unix.IFNAMSIZ]byte
		data unsafe.Pointer
		_    [16]byte
	}
	copy(ifr.name[:], iface)
	ifr.data = unsafe.Pointer(&ev)
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM, 0)
	if err != nil {
		return err
	}
	defer unix.Close(fd)
	if _, _, errno := unix.Syscall(unix.SYS_IOCTL, uintptr(fd), unix.SIOCETHTOOL, uintptr(unsafe.Pointer(&ifr))); errno != 0 {
		return fmt.Errorf("ethtool -K %s gro: %w", iface, errno)
	}
	return nil
}

// Close deletes the namespace and its interfaces.
func (n *Netns) Close() error { return ip("netns", "del", n.Name) }

// Do runs fn on an OS thread that is inside the namespace, and returns its error. BPF links
// attached by ifindex, netlink lookups and packet sockets opened in fn belong to the namespace.
func (n *Netns) Do(fn func() error) error {
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		orig, err := os.Open("/proc/thread-self/ns/net")
		if err != nil {
			errc <- err
			return
		}
		defer orig.Close()
		ns, err := os.Open("/var/run/netns/" + n.Name)
		if err != nil {
			errc <- err
			return
		}
		defer ns.Close()
		if err := unix.Setns(int(ns.Fd()), unix.CLONE_NEWNET); err != nil {
			errc <- fmt.Errorf("enter netns %s: %w", n.Name, err)
			return
		}
		ferr := fn()
		if err := unix.Setns(int(orig.Fd()), unix.CLONE_NEWNET); err != nil {
			// The thread stays locked and dies with the goroutine rather than serve others
			// from the wrong namespace.
			errc <- fmt.Errorf("leave netns %s: %w", n.Name, err)
			return
		}
		runtime.UnlockOSThread()
		errc <- ferr
	}()
	return <-errc
}

// PacketSocket is a raw AF_PACKET socket bound to one interface.
type PacketSocket struct {
	fd      int
	timeout time.Duration
}

func htons(v uint16) uint16 { return v<<8 | v>>8 }

// OpenPacketSocket opens a raw socket on iface (in the calling thread's namespace).
func OpenPacketSocket(ifindex int) (*PacketSocket, error) {
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW, int(htons(unix.ETH_P_ALL)))
	if err != nil {
		return nil, fmt.Errorf("packet socket: %w", err)
	}
	if err := unix.Bind(fd, &unix.SockaddrLinklayer{Protocol: htons(unix.ETH_P_ALL), Ifindex: ifindex}); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("bind packet socket: %w", err)
	}
	return &PacketSocket{fd: fd}, nil
}

// Send writes one frame.
func (s *PacketSocket) Send(frame []byte) error {
	_, err := unix.Write(s.fd, frame)
	return err
}

// Close closes the socket.
func (s *PacketSocket) Close() error { return unix.Close(s.fd) }

// Recv reads one frame, waiting at most timeout.
func (s *PacketSocket) Recv(buf []byte, timeout time.Duration) (int, error) {
	if s.timeout != timeout {
		tv := unix.NsecToTimeval(timeout.Nanoseconds())
		if err := unix.SetsockoptTimeval(s.fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &tv); err != nil {
			return 0, err
		}
		s.timeout = timeout
	}
	n, _, err := unix.Recvfrom(s.fd, buf, 0)
	return n, err
}

// SetRecvBuffer sets the socket's receive buffer (SO_RCVBUFFORCE: above rmem_max), so that a
// slow reader does not lose frames the kernel delivered.
func (s *PacketSocket) SetRecvBuffer(bytes int) error {
	return unix.SetsockoptInt(s.fd, unix.SOL_SOCKET, unix.SO_RCVBUFFORCE, bytes)
}
