//go:build !unix

package main

// ownerOnly does nothing where files have no Unix permission bits: there
// the folder's access control list decides who may read the store.
func ownerOnly() (restore func()) { return func() {} }
