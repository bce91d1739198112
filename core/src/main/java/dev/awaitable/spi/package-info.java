/**
 * The backend SPI: {@link dev.awaitable.spi.AsyncBackend}, discovered with
 * {@link java.util.ServiceLoader}.
 */
package dev.awaitable.spi;
