// Package bench holds the talk's counters in Go, for `npm run bench -- --go`: the same loop as the
// JavaScript bench, on the same machine, so each side's ratios can be read next to the other's.
//
// The counters retell Björn Rabenstein's GopherCon 2015 talk, "How to increment a numerical
// value" (slides 7, 14, 16 and 19), with the standard library only. Add takes a float64, as
// client_golang's counter does and as the JavaScript katas' add(delta) does, except for the
// atomic counter, which counts whole numbers as slide 16 does.
package bench

import (
	"errors"
	"math"
	"sync"
	"sync/atomic"
)

// Counter is the talk's counter: it only ever goes up. Get stands in for the talk's Write.
type Counter interface {
	Add(v float64)
	Get() float64
}

var errDecrease = errors.New("counter cannot decrease in value")

// MutexCounter is slide 7: a mutex around a plain value.
type MutexCounter struct {
	mtx   sync.Mutex
	value float64
}

func (c *MutexCounter) Add(v float64) {
	c.mtx.Lock()
	defer c.mtx.Unlock()
	if v < 0 {
		panic(errDecrease)
	}
	c.value += v
}

func (c *MutexCounter) Get() float64 {
	c.mtx.Lock()
	defer c.mtx.Unlock()
	return c.value
}

// AtomicCounter is slide 16: one atomic add on an integer.
type AtomicCounter struct {
	value int64
}

func (c *AtomicCounter) Add(v float64) {
	if v < 0 {
		panic(errDecrease)
	}
	atomic.AddInt64(&c.value, int64(v))
}

func (c *AtomicCounter) Get() float64 {
	return float64(atomic.LoadInt64(&c.value))
}

// CASFloatCounter is slide 19, what client_golang shipped: a compare-and-swap loop on a float's bits.
type CASFloatCounter struct {
	valueBits uint64
}

func (c *CASFloatCounter) Add(v float64) {
	if v < 0 {
		panic(errDecrease)
	}
	for {
		oldBits := atomic.LoadUint64(&c.valueBits)
		newBits := math.Float64bits(math.Float64frombits(oldBits) + v)
		if atomic.CompareAndSwapUint64(&c.valueBits, oldBits, newBits) {
			return
		}
	}
}

func (c *CASFloatCounter) Get() float64 {
	return math.Float64frombits(atomic.LoadUint64(&c.valueBits))
}

// ChannelCounter is slide 14: a goroutine owns the value, and Add and Get talk to it. The in
// channel may be buffered; out must be synchronous.
type ChannelCounter struct {
	in  chan float64
	out chan float64
}

// NewChannelCounter starts the counter's loop. As in the talk, the loop never ends: once nobody
// sends or receives any more, it sleeps in its select for good.
func NewChannelCounter(inCapacity int) *ChannelCounter {
	c := &ChannelCounter{in: make(chan float64, inCapacity), out: make(chan float64)}
	go c.loop()
	return c
}

func (c *ChannelCounter) Add(v float64) {
	if v < 0 {
		panic(errDecrease)
	}
	c.in <- v
}

func (c *ChannelCounter) Get() float64 {
	return <-c.out
}

func (c *ChannelCounter) loop() {
	var value float64
	for {
		select {
		case v := <-c.in:
			value += v
		case c.out <- value:
			// Nothing to do: the value went out.
		}
	}
}
