/** Polls until `check` holds (services work asynchronously), failing with the last value after `ms`. */
export const eventually = async <T>(
  read: () => T | PromiseLike<T>,
  check: (value: T) => boolean,
  ms = 60000,
) => {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > deadline)
      throw new Error(`still not as expected after ${ms} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
};
