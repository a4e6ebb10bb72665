"""The message protocol and value serialization shared by process jobs and remoting."""
