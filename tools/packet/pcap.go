package packet

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
	"github.com/google/gopacket/pcapgo"
)

// PcapError is a malformed or unsupported pcap file. Record is the 1-based record number
// (0: the file header) and Offset the byte offset where it starts, when known.
type PcapError struct {
	File   string
	Record int
	Offset int64
	Msg    string
}

func (e *PcapError) Error() string {
	if e.Record == 0 {
		return fmt.Sprintf("%s: file header: %s", e.File, e.Msg)
	}
	if e.Offset >= 0 {
		return fmt.Sprintf("%s: record %d (byte offset %d): %s", e.File, e.Record, e.Offset, e.Msg)
	}
	return fmt.Sprintf("%s: record %d: %s", e.File, e.Record, e.Msg)
}

// ReadPcap reads every frame of a pcap or pcapng file with Ethernet link type.
func ReadPcap(path string) ([][]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParsePcap(path, data)
}

// countingReader counts the bytes consumed, so that errors can name the offset.
type countingReader struct {
	r *bytes.Reader
}

func (c countingReader) Read(p []byte) (int, error) { return c.r.Read(p) }
func (c countingReader) offset() int64              { return c.r.Size() - int64(c.r.Len()) }

// ParsePcap parses pcap or pcapng data; name is used in errors.
func ParsePcap(name string, data []byte) ([][]byte, error) {
	if len(data) < 4 {
		return nil, &PcapError{File: name, Msg: fmt.Sprintf("%d bytes: too short for a pcap file", len(data))}
	}
	if binary.LittleEndian.Uint32(data) == 0x0A0D0D0A {
		return parseNg(name, data)
	}
	r, err := pcapgo.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, &PcapError{File: name, Msg: err.Error()}
	}
	if lt := r.LinkType(); lt != layers.LinkTypeEthernet {
		return nil, &PcapError{File: name, Msg: fmt.Sprintf("link type %v (%d): only Ethernet (1) is supported", lt, int(lt))}
	}
	order := binary.ByteOrder(binary.BigEndian)
	if m := binary.LittleEndian.Uint32(data); m == 0xa1b2c3d4 || m == 0xa1b23c4d {
		order = binary.LittleEndian
	}
	var out [][]byte
	off := int64(24) // file header; each record is a 16-byte header and the captured bytes
	for rec := 1; ; rec++ {
		// pcapgo allocates what a record header claims; refuse claims past the file's end.
		if rest := int64(len(data)) - off; rest >= 16 {
			if n := int64(order.Uint32(data[off+8:])); n > rest-16 {
				return nil, &PcapError{File: name, Record: rec, Offset: off,
					Msg: fmt.Sprintf("record truncated: it claims %d bytes, the file has %d after its header", n, rest-16)}
			}
		}
		frame, ci, err := r.ReadPacketData()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) {
				err = fmt.Errorf("record truncated: the file ends inside it")
			}
			return nil, &PcapError{File: name, Record: rec, Offset: off, Msg: err.Error()}
		}
		if ci.CaptureLength < ci.Length {
			return nil, &PcapError{File: name, Record: rec, Offset: off,
				Msg: fmt.Sprintf("frame captured partially (%d of %d bytes, snaplen too small): its bytes are not the frame", ci.CaptureLength, ci.Length)}
		}
		out = append(out, append([]byte(nil), frame...))
		off += 16 + int64(len(frame))
	}
}

func parseNg(name string, data []byte) ([][]byte, error) {
	if err := scanNg(name, data); err != nil {
		return nil, err
	}
	r, err := pcapgo.NewNgReader(bytes.NewReader(data), pcapgo.NgReaderOptions{})
	if err != nil {
		return nil, &PcapError{File: name, Msg: "pcapng: " + err.Error()}
	}
	var out [][]byte
	for rec := 1; ; rec++ {
		frame, ci, err := r.ReadPacketData()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, &PcapError{File: name, Record: rec, Offset: -1, Msg: "pcapng: " + err.Error()}
		}
		if lt := r.LinkType(); lt != layers.LinkTypeEthernet {
			return nil, &PcapError{File: name, Record: rec, Offset: -1, Msg: fmt.Sprintf("link type %v: only Ethernet is supported", lt)}
		}
		if ci.CaptureLength < ci.Length {
			return nil, &PcapError{File: name, Record: rec, Offset: -1,
				Msg: fmt.Sprintf("frame captured partially (%d of %d bytes)", ci.CaptureLength, ci.Length)}
		}
		out = append(out, append([]byte(nil), frame...))
	}
}

// WritePcap writes frames to path as a classic pcap (Ethernet, microsecond timestamps
// counting from 0, so the file only depends on the frames), atomically: a temporary file
// in the same directory renamed into place.
func WritePcap(path string, frames [][]byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriter(tmp)
	if err := EncodePcap(bw, frames); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// EncodePcap writes frames as a classic pcap stream.
func EncodePcap(w io.Writer, frames [][]byte) error {
	pw := pcapgo.NewWriter(w)
	snap := uint32(65535)
	for _, f := range frames {
		if uint32(len(f)) > snap {
			snap = uint32(len(f))
		}
	}
	if err := pw.WriteFileHeader(snap, layers.LinkTypeEthernet); err != nil {
		return err
	}
	for i, f := range frames {
		ci := gopacket.CaptureInfo{Timestamp: time.Unix(0, 0).Add(time.Duration(i) * time.Microsecond).UTC(), CaptureLength: len(f), Length: len(f)}
		if err := pw.WritePacket(ci, f); err != nil {
			return fmt.Errorf("frame %d: %w", i+1, err)
		}
	}
	return nil
}

// scanNg checks the block structure of a pcapng file before pcapgo reads it: every block
// length fits the file, and no packet claims more bytes than its block holds (pcapgo
// allocates what a block claims).
func scanNg(name string, data []byte) error {
	order := binary.ByteOrder(binary.LittleEndian)
	fail := func(blk int, off int, format string, a ...interface{}) error {
		return &PcapError{File: name, Record: blk, Offset: int64(off), Msg: "pcapng block: " + fmt.Sprintf(format, a...)}
	}
	for off, blk := 0, 1; off < len(data); blk++ {
		if len(data)-off < 12 {
			return fail(blk, off, "truncated: %d bytes left, a block has at least 12", len(data)-off)
		}
		typ := order.Uint32(data[off:])
		if typ == 0x0A0D0D0A { // section header: its byte-order magic sets the order
			switch binary.LittleEndian.Uint32(data[off+8:]) {
			case 0x1A2B3C4D:
				order = binary.LittleEndian
			case 0x4D3C2B1A:
				order = binary.BigEndian
			default:
				return fail(blk, off, "section header with an unknown byte-order magic")
			}
		}
		n := int(order.Uint32(data[off+4:]))
		if n < 12 || n%4 != 0 || n > len(data)-off {
			return fail(blk, off, "length %d: not a multiple of 4 of at least 12 that fits the %d bytes left", n, len(data)-off)
		}
		switch typ {
		case 6: // enhanced packet block: captured length at +20, data from +28
			if n < 32 || int(order.Uint32(data[off+20:])) > n-32 {
				return fail(blk, off, "packet claims more bytes than its block holds")
			}
		case 3: // simple packet block: original length at +8, data from +12
			if n < 16 || int(order.Uint32(data[off+8:])) > n-16 {
				return fail(blk, off, "simple packet claims more bytes than its block holds")
			}
		case 2: // obsolete packet block: captured length at +16
			if n < 32 || int(order.Uint32(data[off+16:])) > n-32 {
				return fail(blk, off, "packet claims more bytes than its block holds")
			}
		}
		off += n
	}
	return nil
}
