// Tests of patch 06 (server/embedded-db/patches/06-sjson-single-pass-decode.patch), run inside a patched copy of
// FerretDB's sjson package by tests/db/sjson-fast.test.ts (this folder is not part of our Go module's build).
package sjson

import (
	"bytes"
	"math"
	"math/rand"
	"testing"
	"time"

	"github.com/FerretDB/FerretDB/internal/types"
)

func randString(r *rand.Rand) string {
	pool := []string{"a", "营业执照", "\"", "\\", "<", ">", "&", "\u2028", "\n", "\t", "\x01", "😀", "é", "/", "$", ".", " ", "\u0000", "\ufffd"}
	var b bytes.Buffer
	for n := r.Intn(6); n > 0; n-- {
		b.WriteString(pool[r.Intn(len(pool))])
	}
	return b.String()
}

var plainKeys = []string{"a", "名称", "_id", "x.y", "$k", "history", "😀", "<&>", "\u2028"}

// randKey: a key Marshal writes as is (keys are written without escaping) or, one time in four, any string
func randKey(r *rand.Rand, plain *bool) string {
	if r.Intn(4) == 0 {
		*plain = false
		return randString(r)
	}
	return plainKeys[r.Intn(len(plainKeys))]
}

func randValue(r *rand.Rand, depth int, plain *bool) any {
	k := r.Intn(14)
	if depth > 3 && k < 2 {
		k = 2 + r.Intn(12)
	}
	switch k {
	case 0:
		d := new(types.Document)
		for n := r.Intn(5); n > 0; n-- {
			key := randKey(r, plain)
			if d.Has(key) {
				continue
			}
			d.Set(key, randValue(r, depth+1, plain))
		}
		return d
	case 1:
		a := types.MakeArray(0)
		for n := r.Intn(5); n > 0; n-- {
			a.Append(randValue(r, depth+1, plain))
		}
		return a
	case 2:
		return []float64{0, math.Copysign(0, -1), 1.5, -2e300, 5e-324, math.MaxFloat64, 123456789.125}[r.Intn(7)]
	case 3:
		return randString(r)
	case 4:
		b := make([]byte, r.Intn(20))
		r.Read(b)
		return types.Binary{B: b, Subtype: types.BinarySubtype(r.Intn(5))}
	case 5:
		var id types.ObjectID
		r.Read(id[:])
		return id
	case 6:
		return r.Intn(2) == 0
	case 7:
		return time.UnixMilli(r.Int63n(1<<42) - 1<<40)
	case 8:
		return types.Null
	case 9:
		return types.Regex{Pattern: randString(r), Options: []string{"", "i", "ms"}[r.Intn(3)]}
	case 10:
		return int32(r.Uint32())
	case 11:
		return types.Timestamp(r.Uint64())
	case 12:
		return int64(r.Uint64())
	default:
		return []int32{0, -1, math.MaxInt32, math.MinInt32}[r.Intn(4)]
	}
}

// Random documents of every type, written by Marshal and decoded both ways, then each mutated at one byte: whatever
// the fast path accepts, the original decoder accepts too and decodes to the same document.
func TestFastDecodeMatchesOriginal(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	fastOK, mutatedFast, weird := 0, 0, 0
	for i := 0; i < 20000; i++ {
		d := new(types.Document)
		plain := true
		for n := r.Intn(12); n > 0; n-- {
			key := randKey(r, &plain)
			if key == "$s" || d.Has(key) {
				continue
			}
			d.Set(key, randValue(r, 0, &plain))
		}
		data, err := Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		inputs := [][]byte{data}
		for m := 0; m < 3; m++ {
			b := bytes.Clone(data)
			const alphabet = "{}[],:\"\\0123456789-.eEtrufalsn \x80"
			b[r.Intn(len(b))] = alphabet[r.Intn(len(alphabet))]
			inputs = append(inputs, b)
		}
		for j, in := range inputs {
			fast, ok := decodeFast(in)
			orig, err := unmarshalOriginal(in)
			if j == 0 && plain && !ok {
				t.Fatalf("fast path refused a Marshal output: %s", in)
			}
			if !ok {
				continue
			}
			if j == 0 {
				fastOK++
				if !plain {
					weird++
				}
			} else {
				mutatedFast++
			}
			if err != nil {
				t.Fatalf("fast accepted what original rejects (%v): %s", err, in)
			}
			a, _ := Marshal(fast)
			b, _ := Marshal(orig)
			if !bytes.Equal(a, b) || !types.Identical(fast, orig) {
				t.Fatalf("mismatch\n in   %s\n fast %s\n orig %s", in, a, b)
			}
		}
	}
	t.Logf("fast %d (%d with odd keys), mutated accepted %d", fastOK, weird, mutatedFast)
	if fastOK < 5000 || weird == 0 || mutatedFast == 0 {
		t.Fatalf("the fast path was hardly taken: %d, %d, %d", fastOK, weird, mutatedFast)
	}
}

// bookingDoc is a document shaped like a stored booking.
func bookingDoc() []byte {
	d := new(types.Document)
	var id types.ObjectID
	d.Set("_id", id)
	for _, k := range []string{"code", "slotId", "date", "hallDay", "start", "end", "label", "status", "regionCode"} {
		d.Set(k, "B000123 6b15c5bed94698d8b2c62714|2026-12-07")
	}
	d.Set("userId", id)
	d.Set("serviceId", id)
	d.Set("startAt", time.UnixMilli(1796656375744))
	d.Set("endAt", time.UnixMilli(1796656375744))
	d.Set("seatNo", int32(3))
	app := new(types.Document)
	app.Set("name", "压测用户")
	app.Set("mobile", "13800000000")
	d.Set("applicant", app)
	h := types.MakeArray(0)
	for i := 0; i < 3; i++ {
		e := new(types.Document)
		e.Set("status", "booked")
		e.Set("action", "created")
		e.Set("at", time.UnixMilli(1796656375744))
		e.Set("by", "6b15c5bed94698d8b2c62714")
		e.Set("byRole", "citizen")
		h.Append(e)
	}
	d.Set("history", h)
	d.Set("claimIds", types.MakeArray(0))
	d.Set("holdsClaims", false)
	d.Set("createdAt", time.UnixMilli(1796656375744))
	d.Set("updatedAt", time.UnixMilli(1796656375744))
	d.Set("__v", int32(0))
	b, _ := Marshal(d)
	return b
}

func BenchmarkDecodeOriginal(b *testing.B) {
	data := bookingDoc()
	b.SetBytes(int64(len(data)))
	for i := 0; i < b.N; i++ {
		unmarshalOriginal(data)
	}
}

func BenchmarkDecodeFast(b *testing.B) {
	data := bookingDoc()
	b.SetBytes(int64(len(data)))
	for i := 0; i < b.N; i++ {
		Unmarshal(data)
	}
}
