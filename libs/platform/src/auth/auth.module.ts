import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.provider';
import { AccessTokenGuard, RefreshTokenGuard } from './guards';
import { AccessTokenStrategy, hmacKey, RefreshTokenStrategy } from './jwt.strategies';
import { TokenService } from './token.service';

@Global()
@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: hmacKey(config.jwtSecret),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [
    AccessTokenStrategy,
    RefreshTokenStrategy,
    RefreshTokenGuard,
    TokenService,
    { provide: APP_GUARD, useClass: AccessTokenGuard },
  ],
  exports: [TokenService, RefreshTokenGuard, JwtModule],
})
export class AuthModule {}
